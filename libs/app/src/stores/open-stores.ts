import type { Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import { openEventStore, type EventStore, type SnapshotStore } from '@lic/event-store';

/**
 * The stores the configuration names: the embedded SQLite file or KurrentDB, with the store's
 * deadline. Every service and command-line program opens its stores here.
 */
export const openStores = (
  config: Pick<Config, 'EVENT_STORE' | 'EVENT_STORE_DEADLINE_MS'>,
  clock: Clock,
): { eventStore: EventStore; snapshotStore: SnapshotStore } =>
  openEventStore(config.EVENT_STORE, { clock, deadlineMs: config.EVENT_STORE_DEADLINE_MS });
