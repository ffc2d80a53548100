import type { EventStore } from '@lic/event-store';

/** The same store, except that ping() fails while `down()` says so (a lost connection). */
export const withSwitchablePing = (store: EventStore, down: () => boolean): EventStore => ({
  appendToStream: (...args) => store.appendToStream(...args),
  readStream: (...args) => store.readStream(...args),
  readAll: (...args) => store.readAll(...args),
  subscribeToAll: (...args) => store.subscribeToAll(...args),
  subscribeToPlaces: (...args) => store.subscribeToPlaces(...args),
  ping: () => (down() ? Promise.reject(new Error('connection refused')) : store.ping()),
  close: () => store.close(),
});
