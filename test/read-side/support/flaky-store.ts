import type { EventStore, RecordedEvent, Subscription } from '@lic/event-store';

/**
 * The same store, except that the first subscription fails after `after` events, as a dropped
 * connection would if the adapter gave up: the projector must resubscribe from its checkpoint.
 */
export const dropFirstSubscription = (store: EventStore, after: number): EventStore => {
  let dropped = false;
  return {
    appendToStream: (...args) => store.appendToStream(...args),
    readStream: (...args) => store.readStream(...args),
    readAll: (...args) => store.readAll(...args),
    subscribeToPlaces: (...args) => store.subscribeToPlaces(...args),
    ping: () => store.ping(),
    close: () => store.close(),
    subscribeToAll: (options): Subscription => {
      const inner = store.subscribeToAll(options);
      if (dropped) return inner;
      return {
        close: () => inner.close(),
        async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
          let n = 0;
          for await (const event of inner) {
            yield event;
            if (++n === after && !dropped) {
              dropped = true;
              throw new Error('connection reset by peer (simulated)');
            }
          }
        },
      };
    },
  };
};
