export * from './event-store.port';
export { MalformedEventError } from './event-json';
export { SNAPSHOT_STREAM_PREFIX, snapshotStreamOf } from './stream-names';
export {
  openSqliteEventStore,
  type SqliteEventStoreOptions,
  type SqliteStores,
} from './sqlite/open-sqlite-event-store';
export { DuplicateEventIdError } from './sqlite/sqlite-append';
export {
  DEFAULT_DEADLINE_MS,
  openEsdbEventStore,
  type EsdbEventStoreOptions,
  type EsdbStores,
} from './esdb/open-esdb-event-store';
export { toClientConnectionString } from './esdb/connection-string';
export {
  openEventStore,
  type EventStoreLocation,
  type OpenEventStoreOptions,
} from './open-event-store';
export { workerEntry } from './threads/worker-entry';
