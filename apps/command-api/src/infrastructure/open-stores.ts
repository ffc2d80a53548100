import type { Clock } from '@lic/clock';
import type { EventStoreUrl } from '@lic/config';
import {
  openEsdbEventStore,
  openSqliteEventStore,
  type EventStore,
  type SnapshotStore,
} from '@lic/event-store';

/** The event store the configuration names: the embedded SQLite file or EventStoreDB. */
export const openEventStore = (
  url: EventStoreUrl,
  clock: Clock,
): { eventStore: EventStore; snapshotStore: SnapshotStore } =>
  url.kind === 'sqlite'
    ? openSqliteEventStore({ file: url.file, clock })
    : openEsdbEventStore({ connectionString: url.connectionString, clock });
