import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fixedClock } from '@lic/clock';
import { openSqliteEventStore, type EventStore } from '@lic/event-store';
import {
  PgRebuildWriter,
  ProjectionCache,
  RebuildPipe,
  RebuildWriterThread,
  compareReadModels,
  openReadDb,
  projectFromStore,
  readCheckpoint,
  recreateReadModels,
} from '@lic/read-models';
import { T0 } from './support/harness';
import { LicenseWorld } from './support/license-world';
import { describeOnReadDbs, scratchReadDb, type ReadDbKind } from './support/read-dbs';
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

/** A scratch read database of `kind`, and the sink a piped rebuild into it commits through. */
const readDbWithSink = async (kind: ReadDbKind) => {
  const scratch = await scratchReadDb(kind);
  const db = await openReadDb(scratch.url);
  return {
    db,
    sink: async () =>
      scratch.url.kind === 'sqlite'
        ? RebuildWriterThread.start(scratch.url.file, 10_000)
        : PgRebuildWriter.open(db),
    close: async () => {
      await db.destroy();
      await scratch.drop();
    },
  };
};

describeOnReadDbs(
  "a piped rebuild's sink (SQLite's writer thread, PostgreSQL's own connection)",
  (kind) => {
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

    it('A3: batches committed by the sink while the next is projected — small batches, and a cache too small for every license, so reads wait for the sink — write exactly the rows the incremental projector writes', async () => {
      const incremental = await readDbWithSink(kind);
      opened.push(incremental);
      const live = await projectFromStore(eventStore, incremental.db, { batchSize: 7, clock });

      const piped = await readDbWithSink(kind);
      opened.push(piped);
      await recreateReadModels(piped.db);
      const sink = await piped.sink();
      const seen: bigint[] = [];
      let result;
      try {
        result = await projectFromStore(eventStore, piped.db, {
          batchSize: 7,
          clock,
          bulk: true,
          pipe: new RebuildPipe(sink),
          cache: new ProjectionCache(3),
          onBatch: ({ checkpoint }) => seen.push(checkpoint.position ?? -1n),
        });
      } finally {
        await sink.close();
      }

      expect(live.events).toBeGreaterThan(500);
      expect(result.events).toBe(live.events);
      expect(seen.length).toBeGreaterThan(70);
      expect(await readCheckpoint(piped.db)).toEqual(await readCheckpoint(incremental.db));
      const comparison = await compareReadModels(incremental.db.manager, piped.db.manager);
      expect(comparison.samples).toEqual([]);
      expect(comparison.identical).toBe(true);
    });

    it('A3: a batch the sink cannot commit (the checkpoint moved under it) fails the rebuild and is rolled back, with every later one: the checkpoint is the one set from outside', async () => {
      const target = await readDbWithSink(kind);
      opened.push(target);
      await recreateReadModels(target.db);
      const sink = await target.sink();
      let batches = 0;
      let moved: Promise<unknown> = Promise.resolve();
      const run = projectFromStore(eventStore, target.db, {
        batchSize: 7,
        clock,
        bulk: true,
        pipe: new RebuildPipe(sink),
        onBatch: () => {
          batches += 1;
          if (batches === 5) {
            // Another writer moves the checkpoint (waits for the sink's open transaction).
            moved = target.db.query(
              `UPDATE projector_checkpoint SET position = 999999, events_projected = 1`,
            );
          }
        },
      });
      try {
        await expect(run).rejects.toThrow(/checkpoint moved during the rebuild/);
      } finally {
        await sink.close();
      }
      await moved;
      const stored = await readCheckpoint(target.db);
      expect(stored).toEqual({ position: 999_999n, eventsProjected: 1n });
    });
  },
);

describe("a SQLite rebuild's writer thread", () => {
  it("A3: the thread's connection checkpoints the WAL only past the pages it is given, so a rebuild leaves checkpoints to its WalCheckpointer thread; without a figure it keeps SQLite's 1,000", async () => {
    const framesAfter = async (autocheckpointPages?: number) => {
      const dir = mkdtempSync(join(tmpdir(), 'rebuild-wal-'));
      const file = join(dir, 'read.db');
      const own = new Database(file);
      own.pragma('journal_mode = WAL');
      own.exec(
        'CREATE TABLE filler (x TEXT); CREATE TABLE ck (n INTEGER); INSERT INTO ck VALUES (0)',
      );
      const thread = RebuildWriterThread.start(file, 10_000, autocheckpointPages);
      try {
        // Four batches of about 600 pages each: 2,400 pages of WAL in all.
        const values = Array.from({ length: 600 }, (_, i) => `${i}`.padEnd(3_900, 'x'));
        for (let batch = 0; batch < 4; batch++) {
          await thread.write([{ sql: 'INSERT INTO filler (x) VALUES (?)', width: 1, values }], {
            sql: 'UPDATE ck SET n = n + 1',
            params: [],
          });
        }
      } finally {
        await thread.close();
      }
      const [{ log }] = own.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
      own.close();
      rmSync(dir, { recursive: true, force: true });
      return log;
    };

    expect(await framesAfter(100_000)).toBeGreaterThan(2_000);
    expect(await framesAfter()).toBeLessThan(1_500);
  });
});
