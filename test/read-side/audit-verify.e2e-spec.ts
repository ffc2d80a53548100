import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { fixedClock } from '@lic/clock';
import { openSqliteEventStore } from '@lic/event-store';
import { SessionRow, openReadDb } from '@lic/read-models';
import { verifyReadModels } from '../../apps/projector/src/audit/verify-read-models';
import { Projector } from '../../apps/projector/src/projector/projector';
import { readDbEnv } from './support/config';
import { T0 } from './support/harness';
import { LicenseWorld } from './support/license-world';
import { describeOnReadDbs, scratchReadDb } from './support/read-dbs';
import { caughtUp } from './support/wait';
import { Workload, prng } from './support/workload';

const root = join(__dirname, '../..');

describeOnReadDbs('audit:verify', (kind) => {
  it('A3: a deployed system’s read models are replayed and compared while the projector keeps running; the CLI says "identical" or shows the difference and fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
    const eventsFile = join(dir, 'events.db');
    const clock = fixedClock(T0);
    const { eventStore } = openSqliteEventStore({ file: eventsFile, clock });
    const live = await scratchReadDb(kind);
    const liveDb = await openReadDb(live.url);
    const world = new LicenseWorld(eventStore, clock);
    const workload = new Workload(world, prng(11), 30_000);
    const projector = new Projector({
      eventStore,
      dataSource: liveDb,
      clock,
      logger: pino({ level: 'silent' }),
      batchSize: 9,
    });
    try {
      await workload.setUp(6);
      projector.start();
      await workload.run(200);
      await caughtUp(liveDb, world.lastPosition);

      // History and the projector go on while the audit runs.
      const busy = workload.run(150);
      const result = await verifyReadModels({ eventStore, live: live.url, clock, batchSize: 50 });
      await busy;
      expect(result.comparison.samples).toEqual([]);
      expect(result.comparison.identical).toBe(true);
      expect(result.events).toBeGreaterThan(200);
      await caughtUp(liveDb, world.lastPosition);
      await projector.close();

      const cli = () =>
        spawnSync(
          process.execPath,
          ['-r', './test/event-store/register-swc.js', 'apps/projector/src/cli/audit-verify.ts'],
          {
            cwd: root,
            env: {
              ...process.env,
              EVENT_STORE: `sqlite:${eventsFile}`,
              READ_DB: readDbEnv(live.url),
            },
            encoding: 'utf8',
            timeout: 60_000,
          },
        );
      const clean = cli();
      expect(clean.stdout).toMatch(/\nidentical\n$/);
      // LicenseWorld decides through the command pipeline, which chains every event it records.
      const chain =
        /hash chain: (\d+) events in \d+ streams; (\d+) chained, 0 recorded before the chain existed \(unchained prefix\)\nevery link verifies/.exec(
          clean.stdout,
        );
      expect(chain).not.toBeNull();
      expect(chain?.[2]).toBe(chain?.[1]);
      expect(clean.status).toBe(0);

      const session = await liveDb
        .getRepository(SessionRow)
        .findOneByOrFail({ endReason: 'logout' });
      await liveDb.getRepository(SessionRow).update({ id: session.id }, { activities: 999 });
      const tampered = cli();
      expect(tampered.status).toBe(1);
      expect(tampered.stdout).toContain(
        `sessions {"id":"${session.id}"}: different {"activities":["${session.activities}","999"]}`,
      );
      expect(tampered.stdout).toMatch(/\nDIFFERENT\n$/);
    } finally {
      await projector.close();
      await liveDb.destroy();
      await eventStore.close();
      await live.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
