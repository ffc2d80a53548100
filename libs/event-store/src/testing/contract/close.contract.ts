import { EventStoreClosedError } from '../../event-store.port';
import { collect, newEvent } from '../contract-fixtures';
import type { EventStoreUnderTest } from './contract-context';

/**
 * close(): the work in hand finishes (an append, a snapshot save), then every call is refused
 * with EventStoreClosedError — nothing reopens the connection behind the caller's back.
 */
export function describeCloseContract(open: () => Promise<EventStoreUnderTest>): void {
  describe('close()', () => {
    it('waits for an append and a snapshot save in flight, then refuses every call', async () => {
      const store = await open();
      const { eventStore, snapshotStore } = store;
      const name = `closing-${newEvent().id}`;
      try {
        await eventStore.appendToStream(name, [newEvent()], 'no_stream');
        const appending = eventStore.appendToStream(name, [newEvent()], 0n);
        const saving = snapshotStore.save(name, { revision: 1n, schemaVersion: 'v1', state: {} });
        const closing = eventStore.close();
        await expect(appending).resolves.toMatchObject({ nextExpectedRevision: 1n });
        await expect(saving).resolves.toBeUndefined();
        await closing;

        const refused = [
          () => eventStore.appendToStream(name, [newEvent()], 1n),
          () => collect(eventStore.readStream(name)),
          () => collect(eventStore.readAll()),
          () => eventStore.ping(),
          () => snapshotStore.load(name),
          () => snapshotStore.save(name, { revision: 2n, schemaVersion: 'v1', state: {} }),
          async () => eventStore.subscribeToAll(),
        ];
        for (const call of refused) {
          await expect(call()).rejects.toBeInstanceOf(EventStoreClosedError);
        }
      } finally {
        await store.close();
      }
    });
  });
}
