import type { Clock } from '@lic/clock';
import type { EventStore, SnapshotStore } from './event-store.port';
import { openEsdbEventStore } from './esdb/open-esdb-event-store';
import { openSqliteEventStore } from './sqlite/open-sqlite-event-store';

/** Where the events are: the embedded SQLite file, or KurrentDB (EventStoreDB). */
export type EventStoreLocation =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'esdb'; readonly connectionString: string };

export interface OpenEventStoreOptions {
  readonly clock: Clock;
  /** KurrentDB only: longest wait for one call, retries included. */
  readonly deadlineMs?: number;
  /** KurrentDB only: told about each event of $all this project did not write (skipped). */
  readonly onForeignEvent?: (description: string) => void;
}

/** Opens the store a location names; closing the event store closes the snapshot store too. */
export const openEventStore = (
  location: EventStoreLocation,
  { clock, deadlineMs, onForeignEvent }: OpenEventStoreOptions,
): { eventStore: EventStore; snapshotStore: SnapshotStore } =>
  location.kind === 'sqlite'
    ? openSqliteEventStore({ file: location.file, clock })
    : openEsdbEventStore({
        connectionString: location.connectionString,
        clock,
        ...(deadlineMs === undefined ? {} : { deadlineMs }),
        ...(onForeignEvent === undefined ? {} : { onForeignEvent }),
      });
