import type { EventPlace, RecordedEvent, Subscription } from './event-store.port';

/** A subscription's events reduced to where they were written (for a store that reads whole events anyway). */
export const placesOf = (events: Subscription<RecordedEvent>): Subscription<EventPlace> => ({
  close: () => events.close(),
  async *[Symbol.asyncIterator]() {
    for await (const { streamName, revision, position } of events) {
      yield { streamName, revision, position };
    }
  },
});
