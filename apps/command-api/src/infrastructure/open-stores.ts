import type { Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import { openEventStore, type EventStore, type SnapshotStore } from '@lic/event-store';

/** The event store the configuration names: the embedded SQLite file or KurrentDB. */
export const openStores = (
  config: Pick<Config, 'EVENT_STORE' | 'EVENT_STORE_DEADLINE_MS'>,
  clock: Clock,
): { eventStore: EventStore; snapshotStore: SnapshotStore } =>
  openEventStore(config.EVENT_STORE, { clock, deadlineMs: config.EVENT_STORE_DEADLINE_MS });
