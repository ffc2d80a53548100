import { EventStoreDBClient } from '@eventstore/db-client';
import type { Clock } from '@lic/clock';
import type { EventStore, SnapshotStore } from '../event-store.port';
import { EsdbEventStore } from './esdb-event-store';
import { EsdbSnapshotStore } from './esdb-snapshot-store';

export interface EsdbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false` (the 6.x client takes esdb:// and esdb+discover://). */
  readonly connectionString: string;
  /**
   * Accepted so both factories take the same options; not used: EventStoreDB stamps each
   * event (recordedAt) with its own clock.
   */
  readonly clock?: Clock;
}

export interface EsdbStores {
  readonly eventStore: EventStore;
  /** Shares the event store's client; closing the event store closes both. */
  readonly snapshotStore: SnapshotStore;
}

/** Connects lazily: the first call opens the channel; ping() checks that the server answers. */
export function openEsdbEventStore({ connectionString }: EsdbEventStoreOptions): EsdbStores {
  const client = EventStoreDBClient.connectionString(connectionString);
  return {
    eventStore: new EsdbEventStore(client),
    snapshotStore: new EsdbSnapshotStore(client),
  };
}
