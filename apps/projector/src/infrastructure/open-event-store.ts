import type { Clock } from '@lic/clock';
import type { EventStoreUrl } from '@lic/config';
import { openEsdbEventStore, openSqliteEventStore, type EventStore } from '@lic/event-store';

/** The event store the configuration names: the embedded SQLite file or EventStoreDB. */
export const openEventStore = (url: EventStoreUrl, clock: Clock): EventStore =>
  url.kind === 'sqlite'
    ? openSqliteEventStore({ file: url.file, clock }).eventStore
    : openEsdbEventStore({ connectionString: url.connectionString, clock }).eventStore;
