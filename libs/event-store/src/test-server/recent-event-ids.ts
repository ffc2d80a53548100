import type { LoggedEvent } from './in-memory-log';

/**
 * The ids of the most recently written events, as a KurrentDB node keeps them for its idempotency
 * check of `any` / `stream_exists` writes: bounded, the oldest forgotten first.
 */
export class RecentEventIds {
  private readonly events = new Map<string, LoggedEvent>();

  constructor(private readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`the id cache needs a positive capacity, not ${capacity}`);
    }
  }

  get(id: string): LoggedEvent | undefined {
    return this.events.get(id);
  }

  add(event: LoggedEvent): void {
    this.events.delete(event.id);
    this.events.set(event.id, event);
    if (this.events.size > this.capacity) {
      const oldest = this.events.keys().next();
      if (oldest.done !== true) this.events.delete(oldest.value);
    }
  }
}
