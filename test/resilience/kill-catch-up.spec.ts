import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '@lic/clock';
import { openSqliteEventStore, type RecordedEvent } from '@lic/event-store';
import {
  AuditEntryRow,
  LeaseRow,
  PROJECTED_STREAM_PREFIXES,
  openReadDb,
  readCheckpoint,
} from '@lic/read-models';
import { caughtUp, eventually } from '../read-side/support/wait';
import {
  postJson,
  startCommandApiProcess,
  startProjectorProcess,
  type LoggingProcess,
} from './processes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Checkouts answered 200 until `stop()`, by lease id (the lease token's id part). */
const checkoutsUntil = async (url: string, key: string, stop: () => boolean) => {
  const acknowledged = new Set<string>();
  let n = 0;
  const worker = async () => {
    while (!stop()) {
      const i = n++;
      try {
        const r = await postJson(
          `${url}/api/v1/license/floating/checkout`,
          { authorization: `License ${key}`, 'idempotency-key': `kill-${i}` },
          { fingerprint: `node-${i}` },
        );
        if (r.status === 200) acknowledged.add((r.body.lease_token as string).slice(4));
      } catch {
        return; // the command API is gone: this request was never answered
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return acknowledged;
};

const readStore = async (file: string) => {
  const { eventStore } = openSqliteEventStore({ file, clock: new SystemClock() });
  const events: RecordedEvent[] = [];
  for await (const e of eventStore.readAll()) events.push(e);
  await eventStore.close();
  return events;
};

/**
 * Issue 6, item 5: the whole system under load, and processes killed without warning. The
 * read side's own proof that a SIGKILLed projector neither skips nor repeats an event, row for
 * row against a replay, is test/read-side/projector.e2e-spec.ts; here the two apps run
 * together as separate processes on one embedded store.
 */
describe('SIGKILL under load: nothing acknowledged is lost, and the read side catches up', () => {
  jest.setTimeout(120_000);

  it('A1: command API and projector SIGKILLed mid-load: every acknowledged checkout is in the store and in the read models; the checkpoint reaches the end of the store, each event applied once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kill-catch-up-'));
    const eventsFile = join(dir, 'events.db');
    const projectorEnv = {
      EVENT_STORE: `sqlite:${eventsFile}`,
      READ_DB: `sqlite:${join(dir, 'read.db')}`,
      PROJECTION_BATCH_SIZE: '50',
      LOG_LEVEL: 'warn',
    };
    const projectors: LoggingProcess[] = [];
    const db = await openReadDb({ kind: 'sqlite', file: join(dir, 'read.db') });
    try {
      const api = await startCommandApiProcess(dir);
      projectors.push(await startProjectorProcess(projectorEnv));
      const admin = { authorization: `Bearer ${api.token}` };
      await postJson(`${api.url}/admin/v1/products`, admin, { name: 'Farm', product_id: 'farm' });
      const issued = await postJson(`${api.url}/admin/v1/licenses`, admin, {
        product_id: 'farm',
        variant_id: 'render-farm',
        seats: { max_floating_users: 100000 },
      });
      const licenseId = issued.body.license_id as string;
      let killed = false;
      const load = checkoutsUntil(api.url, issued.body.license_key as string, () => killed);

      // The projector dies mid-stream, while the load goes on, and is started again.
      await eventually(
        () => readCheckpoint(db),
        (c) => c.eventsProjected >= 20n,
        30_000,
        'the projector to follow the load',
      );
      const first = projectors[0] as LoggingProcess;
      first.child.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      await sleep(300);
      projectors.push(await startProjectorProcess(projectorEnv));

      await sleep(800);
      api.child.kill('SIGKILL');
      killed = true;
      const acknowledged = await load;
      expect((await api.exited).signal).toBe('SIGKILL');
      expect(acknowledged.size).toBeGreaterThan(50);

      // Every acknowledged command is in the store…
      const events = await readStore(eventsFile);
      const checkedOut = new Set(
        events
          .filter((e) => e.streamName === `license-${licenseId}` && e.type === 'LeaseCheckedOut.v2')
          .map((e) => e.data.leaseId as string),
      );
      expect([...acknowledged].filter((id) => !checkedOut.has(id))).toEqual([]);

      // …and the projector reaches the store's last event, with every acknowledged lease.
      const projected = events.filter((e) =>
        PROJECTED_STREAM_PREFIXES.some((p) => e.streamName.startsWith(p)),
      );
      const last = projected[projected.length - 1] as RecordedEvent;
      await caughtUp(db, last.position, 60_000);
      const checkpoint = await readCheckpoint(db);
      expect(checkpoint.position).toBe(last.position);
      const leases = await db.getRepository(LeaseRow).find({ where: { licenseId } });
      const inReadModel = new Set(leases.map((l) => l.leaseId));
      expect([...acknowledged].filter((id) => !inReadModel.has(id))).toEqual([]);
      expect(leases).toHaveLength(checkedOut.size);
      // Each event applied once, none skipped, across the kill: one audit row per event.
      expect(checkpoint.eventsProjected).toBe(BigInt(projected.length));
      expect(await db.getRepository(AuditEntryRow).count()).toBe(projected.length);

      const second = projectors[1] as LoggingProcess;
      second.child.kill('SIGTERM');
      expect(await second.exited).toEqual({ code: 0, signal: null });
    } finally {
      for (const p of projectors) if (p.child.exitCode === null) p.child.kill('SIGKILL');
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
