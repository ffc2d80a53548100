import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '@lic/clock';
import { openSqliteEventStore } from '@lic/event-store';
import {
  AuditEntryRow,
  PROJECTED_STREAM_PREFIXES,
  openReadDb,
  readCheckpoint,
} from '@lic/read-models';
import { openKeyRing, signAccessToken } from '@lic/signing';
import { T0 } from '../read-side/support/harness';
import { LicenseWorld } from '../read-side/support/license-world';
import { caughtUp, eventually } from '../read-side/support/wait';
import { Workload, prng } from '../read-side/support/workload';
import { startProjectorProcess, startQueryApiProcess } from './processes';

type Line = Record<string, unknown>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful shutdown of the read side', () => {
  jest.setTimeout(90_000);

  it('A3: on SIGTERM the projector finishes the batch in hand, stores its checkpoint with it, and exits 0; restarted, it carries on from there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'projector-sigterm-'));
    const env = {
      EVENT_STORE: `sqlite:${join(dir, 'events.db')}`,
      READ_DB: `sqlite:${join(dir, 'read.db')}`,
      PROJECTION_BATCH_SIZE: '10',
    };
    const clock = fixedClock(T0);
    const { eventStore } = openSqliteEventStore({
      file: join(dir, 'events.db'),
      clock,
      synchronous: 'NORMAL',
    });
    const world = new LicenseWorld(eventStore, clock);
    const workload = new Workload(world, prng(11), 30_000);
    const db = await openReadDb({ kind: 'sqlite', file: join(dir, 'read.db') });
    try {
      await workload.setUp(8);
      await workload.run(4000);
      let projectable = 0;
      for await (const e of eventStore.readAll()) {
        if (PROJECTED_STREAM_PREFIXES.some((p) => e.streamName.startsWith(p))) projectable++;
      }

      const first = await startProjectorProcess(env);
      await eventually(
        () => readCheckpoint(db),
        (c) => c.eventsProjected >= 100n,
        30_000,
        'the projector to make progress',
      );
      first.child.kill('SIGTERM');
      expect(await first.exited).toEqual({ code: 0, signal: null });

      const stored = await readCheckpoint(db);
      expect(Number(stored.eventsProjected)).toBeLessThan(projectable); // stopped mid-stream
      const logs = first.logs;
      const at = (msg: string) => logs.findIndex((l) => l.msg === msg);
      const stopping = at('projector: stopping; finishing the batch in hand');
      const stopped = at('projector: stopped');
      expect(stopping).toBeGreaterThan(-1);
      expect(stopped).toBeGreaterThan(stopping);
      const batches = logs.filter((l) => l.msg === 'projector: batch committed');
      const last = batches[batches.length - 1] as Line;
      // What it logged is what it committed: the last batch carries the stored checkpoint…
      expect(last.to).toBe(String(stored.position));
      expect(logs[stopped]).toMatchObject({
        checkpoint: String(stored.position),
        eventsProjected: String(stored.eventsProjected),
      });
      // …and the batch in hand when the signal came was committed, not dropped.
      const inHand = (logs[stopping] as Line).inHand as number;
      const afterSignal = logs
        .slice(stopping)
        .filter((l) => l.msg === 'projector: batch committed');
      expect(inHand).toBeGreaterThan(0); // it was signalled mid catch-up, with events in hand
      expect(afterSignal.length).toBeGreaterThan(0);
      expect(logs.some((l) => l.msg === 'shut down cleanly')).toBe(true);
      // The rows and the checkpoint agree: one audit row per projected event.
      expect(await db.getRepository(AuditEntryRow).count()).toBe(Number(stored.eventsProjected));

      const second = await startProjectorProcess(env);
      await caughtUp(db, world.lastPosition, 30_000);
      second.child.kill('SIGTERM');
      expect(await second.exited).toEqual({ code: 0, signal: null });
      const end = await readCheckpoint(db);
      expect(Number(end.eventsProjected)).toBe(projectable);
      expect(await db.getRepository(AuditEntryRow).count()).toBe(projectable);
      const resumed = second.logs.find(
        (l) => l.msg === 'projector: following the event store from the checkpoint',
      );
      expect(resumed?.checkpoint).toBe(String(stored.position));
    } finally {
      await db.destroy();
      await eventStore.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('A2: on SIGTERM the query API answers the request in flight (Connection: close), then exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'query-api-sigterm-'));
    try {
      const now = Date.now();
      const ring = await openKeyRing({ dir: join(dir, 'keys'), now });
      const token = await signAccessToken(ring, {
        issuer: 'test',
        subject: 'ops',
        roles: ['admin'],
        issuedAt: now,
        expiresAt: now + 3_600_000,
      });
      const api = await startQueryApiProcess({
        EVENT_STORE: `sqlite:${join(dir, 'events.db')}`,
        READ_DB: `sqlite:${join(dir, 'read.db')}`,
        SIGNING_KEYS_DIR: join(dir, 'keys'),
        READ_YOUR_WRITES_TIMEOUT_MS: '1500',
      });
      // A position the read models will not reach: the request waits its full bound.
      const waiting = fetch(`${api.url}/query/v1/licenses?after=1000`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await sleep(300);
      api.child.kill('SIGTERM');
      const answered = await waiting;
      expect(answered.status).toBe(504);
      expect(answered.headers.get('connection')).toBe('close');
      expect(((await answered.json()) as { error: { code: string } }).error.code).toBe(
        'READ_MODEL_BEHIND',
      );
      expect(await api.exited).toEqual({ code: 0, signal: null });
      const completed = api.logs.find((l) => l.msg === 'request completed');
      expect(completed).toMatchObject({ app: 'query-api', res: { statusCode: 504 } });
      expect(JSON.stringify(api.logs)).not.toContain(token);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
