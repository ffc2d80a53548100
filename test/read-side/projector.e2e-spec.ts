import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { LagReader } from '@lic/app';
import { fixedClock } from '@lic/clock';
import { Metrics } from '@lic/observability';
import { openSqliteEventStore } from '@lic/event-store';
import {
  AuditEntryRow,
  compareReadModels,
  openReadDb,
  readCheckpoint,
  rebuildReadModels,
} from '@lic/read-models';
import { createProjectorApp } from '../../apps/projector/src/bootstrap';
import { T0 } from './support/harness';
import { configFor, readDbEnv } from './support/config';
import { LicenseWorld, commands, policies } from './support/license-world';
import { describeOnReadDbs, scratchReadDb } from './support/read-dbs';
import { caughtUp, eventually } from './support/wait';
import { Workload, prng } from './support/workload';

const logger = pino({ level: 'silent' });

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

describeOnReadDbs('projector', (kind) => {
  it('A2: /health reports the checkpoint and the lag; unknown event types reach the audit log only; a restart resumes from the checkpoint', async () => {
    const clock = fixedClock(T0);
    const { eventStore } = openSqliteEventStore({ file: ':memory:', clock });
    const scratch = await scratchReadDb(kind);
    const config = configFor({ READ_DB: readDbEnv(scratch.url), PROJECTION_BATCH_SIZE: '4' });
    const world = new LicenseWorld(eventStore, clock);
    try {
      await world.product('prod-1');
      await world.issue('lic-f', policies.floating(2));
      await world.run('lic-f', commands.checkout('L1'));
      const meta = { correlationId: randomUUID(), causationId: null, actor: 'system:future' };
      // Events this code does not know, in a license stream of their own.
      await eventStore.appendToStream(
        'license-lic-x',
        [
          {
            id: randomUUID(),
            type: 'LicenseAudited.v9',
            data: { licenseId: 'lic-x', x: 1 },
            metadata: meta,
          },
        ],
        'any',
      );
      await eventStore.appendToStream(
        'license-lic-x',
        [
          {
            id: randomUUID(),
            type: 'LeaseCheckedOut.v1',
            data: { licenseId: 'lic-x' },
            metadata: meta,
          },
        ],
        'any',
      );
      await eventStore.appendToStream(
        'billing-acme',
        [{ id: randomUUID(), type: 'InvoicePaid.v1', data: {}, metadata: meta }],
        'no_stream',
      );
      const lastLicenseEvent = (
        await eventStore.appendToStream(
          'license-lic-x',
          [{ id: randomUUID(), type: 'Annotated.v1', data: { note: 'hi' }, metadata: meta }],
          'any',
        )
      ).position;

      const first = await createProjectorApp(config, { clock, eventStore, logger });
      await first.app.init();
      await caughtUp(first.dataSource, lastLicenseEvent);
      const health = await first.app.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({
        status: 'ok',
        checkpoint: { position: String(lastLicenseEvent) },
        lag: { events: 0, capped: false },
        projector: { running: true, restarts: 0 },
      });
      const audit = await first.dataSource
        .getRepository(AuditEntryRow)
        .find({ order: { position: 'ASC' } });
      expect(audit.map((a) => a.type).slice(-3)).toEqual([
        'LicenseAudited.v9',
        'LeaseCheckedOut.v1', // a known type that does not decode: audit only
        'Annotated.v1',
      ]);
      expect(audit.slice(-3).map((a) => a.licenseId)).toEqual(['lic-x', 'lic-x', 'lic-x']);
      expect(audit.some((a) => a.stream === 'billing-acme')).toBe(false);
      const seats: { in_use: number | string }[] = await first.dataSource.query(
        `SELECT in_use FROM seat_occupancy WHERE license_id = 'lic-f'`,
      );
      // A bigint column: PostgreSQL answers a string, SQLite a number.
      expect(seats.map((s) => Number(s.in_use))).toEqual([1]);
      await first.close();

      // Stopped: history goes on; the lag shows it; a new projector resumes.
      await world.run('lic-f', commands.checkout('L2'));
      await world.run('lic-f', commands.checkin('L1'));
      const db = await openReadDb(scratch.url);
      const { lag: behind } = await new LagReader(
        db,
        eventStore,
        clock,
        new Metrics('test'),
        10,
      ).read();
      expect(behind).toMatchObject({ events: 2, capped: false });
      await db.destroy();
      const second = await createProjectorApp(config, { clock, eventStore, logger });
      await caughtUp(second.dataSource, world.lastPosition);
      const checkpoint = await readCheckpoint(second.dataSource);
      expect(checkpoint.eventsProjected).toBe(BigInt(audit.length + 2));
      await second.close();
    } finally {
      await eventStore.close();
      await scratch.drop();
    }
  });

  it('A3: a projector process killed (SIGKILL) mid-stream resumes where its last transaction left off: nothing skipped, nothing applied twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-side-kill-'));
    const eventsFile = join(dir, 'events.db');
    const clock = fixedClock(T0);
    const { eventStore } = openSqliteEventStore({ file: eventsFile, clock });
    const live = await scratchReadDb(kind);
    const replay = await scratchReadDb(kind);
    const world = new LicenseWorld(eventStore, clock);
    const workload = new Workload(world, prng(7), 30_000);
    const children: ChildProcess[] = [];
    const start = async () => {
      const port = await freePort();
      const child = spawn(
        process.execPath,
        ['-r', './test/event-store/register-swc.js', 'apps/projector/src/main.ts'],
        {
          cwd: join(__dirname, '../..'),
          env: {
            ...process.env,
            EVENT_STORE: `sqlite:${eventsFile}`,
            READ_DB: readDbEnv(live.url),
            PROJECTOR_PORT: String(port),
            PROJECTION_BATCH_SIZE: '1',
            LOG_LEVEL: 'silent',
          },
          stdio: 'ignore',
        },
      );
      children.push(child);
      return child;
    };
    try {
      await workload.setUp(6);
      await workload.run(400);
      const total = world.lastPosition;
      const probe = await openReadDb(live.url);
      const first = await start();
      const atKill = await eventually(
        () => readCheckpoint(probe),
        (c) => c.eventsProjected >= 40n,
        30_000,
        'the first projector to make progress',
      );
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));
      const afterKill = await readCheckpoint(probe);
      expect(afterKill.position).not.toBe(total); // it died mid-stream
      expect(afterKill.eventsProjected).toBeGreaterThanOrEqual(atKill.eventsProjected);

      await workload.run(100);
      const second = await start();
      await caughtUp(probe, world.lastPosition, 60_000);
      second.kill('SIGTERM');
      await new Promise((resolve) => second.once('exit', resolve));

      const replayDb = await openReadDb(replay.url);
      await rebuildReadModels(eventStore, replayDb, { batchSize: 500, clock });
      const result = await compareReadModels(replayDb.manager, probe.manager);
      expect(result.samples).toEqual([]);
      expect(result.identical).toBe(true);
      await replayDb.destroy();
      await probe.destroy();
    } finally {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      await eventStore.close();
      await live.drop();
      await replay.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
