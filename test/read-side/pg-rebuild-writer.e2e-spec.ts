import { fixedClock } from '@lic/clock';
import { openSqliteEventStore, type EventStore } from '@lic/event-store';
import {
  PgRebuildWriter,
  ProjectionCache,
  RebuildPipe,
  compareReadModels,
  openReadDb,
  projectFromStore,
  readCheckpoint,
  recreateReadModels,
} from '@lic/read-models';
import { T0 } from './support/harness';
import { LicenseWorld } from './support/license-world';
import { POSTGRES_SKIPPED, postgresRuns, scratchReadDb } from './support/read-dbs';
import { Workload, prng } from './support/workload';

/** A mixed workload over many licenses: holders start and end, refusals, several hours. */
const history = async (eventStore: EventStore) => {
  const clock = fixedClock(T0);
  const world = new LicenseWorld(eventStore, clock);
  const workload = new Workload(world, prng(4242), 30_000);
  await workload.setUp(12);
  await workload.run(600);
  return clock;
};

const postgresReadDb = async () => {
  const scratch = await scratchReadDb('postgres');
  const db = await openReadDb(scratch.url);
  return {
    db,
    close: async () => {
      await db.destroy();
      await scratch.drop();
    },
  };
};

const suite = postgresRuns() ? describe : describe.skip;

suite(
  `a PostgreSQL rebuild's own connection${postgresRuns() ? '' : ` — ${POSTGRES_SKIPPED}`}`,
  () => {
    let eventStore: EventStore;
    let clock: ReturnType<typeof fixedClock>;
    const opened: { close(): Promise<void> }[] = [];

    beforeAll(async () => {
      eventStore = openSqliteEventStore({ file: ':memory:', clock: fixedClock(T0) }).eventStore;
      clock = await history(eventStore);
    });

    afterAll(async () => {
      for (const db of opened) await db.close();
      await eventStore.close();
    });

    it('A3: batches committed on the connection while the next is projected — small batches, and a cache too small for every license, so reads wait for it — write exactly the rows the incremental projector writes', async () => {
      const incremental = await postgresReadDb();
      opened.push(incremental);
      const live = await projectFromStore(eventStore, incremental.db, { batchSize: 7, clock });

      const piped = await postgresReadDb();
      opened.push(piped);
      await recreateReadModels(piped.db);
      const writer = await PgRebuildWriter.open(piped.db);
      const seen: bigint[] = [];
      let result;
      try {
        result = await projectFromStore(eventStore, piped.db, {
          batchSize: 7,
          clock,
          bulk: true,
          pipe: new RebuildPipe(writer),
          cache: new ProjectionCache(3),
          onBatch: ({ checkpoint }) => seen.push(checkpoint.position ?? -1n),
        });
      } finally {
        await writer.close();
      }

      expect(live.events).toBeGreaterThan(500);
      expect(result.events).toBe(live.events);
      expect(seen.length).toBeGreaterThan(70);
      expect(await readCheckpoint(piped.db)).toEqual(await readCheckpoint(incremental.db));
      const comparison = await compareReadModels(incremental.db.manager, piped.db.manager);
      expect(comparison.samples).toEqual([]);
      expect(comparison.identical).toBe(true);
    });

    it('A3: a batch the connection cannot commit (the checkpoint moved under it) fails the rebuild and is rolled back, with every later one: the checkpoint is the one set from outside', async () => {
      const target = await postgresReadDb();
      opened.push(target);
      await recreateReadModels(target.db);
      const writer = await PgRebuildWriter.open(target.db);
      let batches = 0;
      let moved: Promise<unknown> = Promise.resolve();
      const run = projectFromStore(eventStore, target.db, {
        batchSize: 7,
        clock,
        bulk: true,
        pipe: new RebuildPipe(writer),
        onBatch: () => {
          batches += 1;
          if (batches === 5) {
            // Another writer moves the checkpoint (waits for the connection's open transaction).
            moved = target.db.query(
              `UPDATE projector_checkpoint SET position = 999999, events_projected = 1`,
            );
          }
        },
      });
      try {
        await expect(run).rejects.toThrow(/checkpoint moved during the rebuild/);
      } finally {
        await writer.close();
      }
      await moved;
      const stored = await readCheckpoint(target.db);
      expect(stored).toEqual({ position: 999_999n, eventsProjected: 1n });
    });
  },
);
