import { EventStoreDBClient } from '@eventstore/db-client';
import type { Clock } from '@lic/clock';
import { CallGate } from '../call-gate';
import type { EventStore, SnapshotStore } from '../event-store.port';
import { toClientConnectionString } from './connection-string';
import { EsdbEventStore } from './esdb-event-store';
import { EsdbSnapshotStore } from './esdb-snapshot-store';

/** The default of EVENT_STORE_DEADLINE_MS: how long a store call may go unanswered. */
export const DEFAULT_DEADLINE_MS = 10_000;

export interface EsdbEventStoreOptions {
  /**
   * `kurrentdb://host:2113?tls=false`, `kurrentdb+discover://node1:2113,node2:2113,node3:2113`,
   * or the older `esdb://` / `esdb+discover://` spellings.
   */
  readonly connectionString: string;
  /** Longest wait for one call, retries included (default 10 s). */
  readonly deadlineMs?: number;
  /** Told about each event of $all that this project did not write (it is skipped). */
  readonly onForeignEvent?: (description: string) => void;
  /**
   * Accepted so both factories take the same options; not used: KurrentDB stamps each event
   * (recordedAt) with its own clock.
   */
  readonly clock?: Clock;
}

export interface EsdbStores {
  readonly eventStore: EventStore;
  /** Shares the event store's client; closing the event store closes both. */
  readonly snapshotStore: SnapshotStore;
}

/** Connects lazily: the first call opens the channel; ping() checks that the server answers. */
export function openEsdbEventStore(options: EsdbEventStoreOptions): EsdbStores {
  const connectionString = toClientConnectionString(options.connectionString);
  if (connectionString === null) {
    throw new RangeError(
      'a KurrentDB connection string starts with kurrentdb://, kurrentdb+discover://, esdb:// or esdb+discover://',
    );
  }
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  if (!Number.isSafeInteger(deadlineMs) || deadlineMs <= 0) {
    throw new RangeError(
      `the deadline must be a positive number of milliseconds, not ${deadlineMs}`,
    );
  }
  const client = EventStoreDBClient.connectionString(connectionString);
  const gate = new CallGate();
  return {
    eventStore: new EsdbEventStore(client, gate, {
      deadlineMs,
      ...(options.onForeignEvent === undefined ? {} : { onForeignEvent: options.onForeignEvent }),
    }),
    snapshotStore: new EsdbSnapshotStore(client, gate, deadlineMs),
  };
}
