import { SystemClock } from '@lic/clock';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { openSqliteEventStore } from './open-sqlite-event-store';

describeEventStoreContract('SQLite (:memory:)', async () => {
  const { eventStore, snapshotStore } = openSqliteEventStore({
    file: ':memory:',
    clock: new SystemClock(),
  });
  return { eventStore, snapshotStore, close: () => eventStore.close() };
});
