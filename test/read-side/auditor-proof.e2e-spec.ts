import pino from 'pino';
import { fixedClock } from '@lic/clock';
import { openSqliteEventStore } from '@lic/event-store';
import {
  LeaseRow,
  compareReadModels,
  openReadDb,
  readCheckpoint,
  rebuildReadModels,
} from '@lic/read-models';
import { Projector } from '../../apps/projector/src/projector/projector';
import { dropFirstSubscription } from './support/flaky-store';
import { T0 } from './support/harness';
import { LicenseWorld } from './support/license-world';
import { describeOnReadDbs, scratchReadDb } from './support/read-dbs';
import { caughtUp } from './support/wait';
import { Workload, prng } from './support/workload';

const logger = pino({ level: 'silent' });

describeOnReadDbs("the auditor's proof", (kind) => {
  it('A3: read models built live — through a crash, a restart and a dropped subscription — equal a replay of the whole history, row for row', async () => {
    const clock = fixedClock(T0);
    const { eventStore } = openSqliteEventStore({ file: ':memory:', clock });
    const world = new LicenseWorld(eventStore, clock);
    const workload = new Workload(world, prng(2026), 45_000);
    const live = await scratchReadDb(kind);
    const replay = await scratchReadDb(kind);
    let liveDb = await openReadDb(live.url);
    const replayDb = await openReadDb(replay.url);
    try {
      await workload.setUp(8);

      // 1. A projector that dies inside its fifth transaction, after writing rows and the
      //    checkpoint but before the commit — and, being dead, commits nothing after that.
      await workload.run(120);
      let batches = 0;
      let crashed = false;
      const first = new Projector({
        eventStore,
        dataSource: liveDb,
        clock,
        logger,
        batchSize: 7,
        faults: {
          beforeCommit: () => {
            if (++batches >= 5) {
              crashed = true;
              throw new Error('simulated crash before commit');
            }
          },
        },
      });
      first.start();
      while (!crashed) await new Promise((r) => setTimeout(r, 10));
      await first.close();
      await liveDb.destroy();
      const atCrash = await openReadDb(live.url).then(async (db) => {
        const c = await readCheckpoint(db);
        await db.destroy();
        return c;
      });
      expect(atCrash.eventsProjected).toBe(28n); // four committed batches of 7, the fifth lost

      // 2. Restarted on a new connection, while history goes on, in several batches; its
      //    subscription is dropped once on the way.
      await workload.run(150);
      liveDb = await openReadDb(live.url);
      const second = new Projector({
        eventStore: dropFirstSubscription(eventStore, 25),
        dataSource: liveDb,
        clock,
        logger,
        batchSize: 11,
      });
      second.start();
      await workload.run(150);
      await caughtUp(liveDb, world.lastPosition);
      await workload.run(150);
      await caughtUp(liveDb, world.lastPosition);
      expect(second.status().restarts).toBe(1);
      await second.close();

      // 3. The replay: every read model from position zero into a fresh database.
      await rebuildReadModels(eventStore, replayDb, { batchSize: 1000, clock });
      const result = await compareReadModels(replayDb.manager, liveDb.manager);
      expect(result.samples).toEqual([]);
      expect(result.identical).toBe(true);
      const rows = Object.fromEntries(result.tables.map((t) => [t.table, t.actualRows]));
      expect(rows['audit_log']).toBeGreaterThan(500);
      for (const table of [
        'leases',
        'sessions',
        'activations',
        'utilization_buckets',
        'utilization_steps',
      ]) {
        expect(rows[table]).toBeGreaterThan(0);
      }
      expect(rows['refusal_counts']).toBeGreaterThan(0);

      // 4. And the comparison does see a difference when there is one.
      const lease = await liveDb.getRepository(LeaseRow).findOneByOrFail({ endReason: 'expired' });
      await liveDb.getRepository(LeaseRow).update({ id: lease.id }, { endReason: 'checked-in' });
      const tampered = await compareReadModels(replayDb.manager, liveDb.manager);
      expect(tampered.identical).toBe(false);
      expect(tampered.samples).toEqual([
        {
          table: 'leases',
          kind: 'different',
          key: { id: lease.id.toString() },
          columns: { end_reason: ['expired', 'checked-in'] },
        },
      ]);
    } finally {
      await liveDb.destroy().catch(() => undefined);
      await replayDb.destroy();
      await eventStore.close();
      await live.drop();
      await replay.drop();
    }
  });
});
