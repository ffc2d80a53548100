import type { Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import { openEventStore as open, type EventStore } from '@lic/event-store';

/** The event store the configuration names: the embedded SQLite file or KurrentDB. */
export const openEventStore = (
  config: Pick<Config, 'EVENT_STORE' | 'EVENT_STORE_DEADLINE_MS'>,
  clock: Clock,
): EventStore =>
  open(config.EVENT_STORE, { clock, deadlineMs: config.EVENT_STORE_DEADLINE_MS }).eventStore;
