import { fixedClock, type TestClock } from '@lic/clock';
import { openSqliteEventStore, type EventStore } from '@lic/event-store';
import { openReadDb, projectFromStore } from '@lic/read-models';
import type { DataSource } from 'typeorm';
import { LicenseWorld } from './license-world';
import { scratchReadDb, type ReadDbKind, type ScratchDb } from './read-dbs';

/** Monday 2 March 2026, 09:00 UTC: the scenarios' first instant. */
export const T0 = Date.parse('2026-03-02T09:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const iso = (ms: number): string => new Date(ms).toISOString();

/** An event store in memory, a scratch read database, and a world that writes history. */
export interface ReadSide {
  readonly clock: TestClock;
  readonly eventStore: EventStore;
  readonly world: LicenseWorld;
  readonly db: DataSource;
  readonly scratch: ScratchDb;
  /** Projects whatever is new, `batchSize` events per transaction. */
  project(batchSize?: number): Promise<void>;
  close(): Promise<void>;
}

export const openReadSide = async (kind: ReadDbKind, start = T0): Promise<ReadSide> => {
  const clock = fixedClock(start);
  const { eventStore } = openSqliteEventStore({ file: ':memory:', clock });
  const scratch = await scratchReadDb(kind);
  const db = await openReadDb(scratch.url);
  return {
    clock,
    eventStore,
    world: new LicenseWorld(eventStore, clock),
    db,
    scratch,
    project: async (batchSize = 3) => {
      await projectFromStore(eventStore, db, { batchSize, clock });
    },
    close: async () => {
      await db.destroy();
      await eventStore.close();
      await scratch.drop();
    },
  };
};
