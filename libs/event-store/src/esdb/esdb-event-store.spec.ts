import { describeEventStoreContract } from '../testing/event-store.contract';
import { startEsdbTestServer, type EsdbTestServer } from '../test-server';
import { openEsdbEventStore } from './open-esdb-event-store';

const realServer = process.env.EVENTSTORE_URL;

describeEventStoreContract(
  realServer ? `EventStoreDB (${realServer})` : 'EventStoreDB (in-process gRPC test server)',
  async () => {
    let server: EsdbTestServer | undefined;
    let connectionString = realServer;
    if (connectionString === undefined) {
      server = await startEsdbTestServer();
      connectionString = server.connectionString;
      console.info(
        `ESDB contract: in-process gRPC test server at ${connectionString}, not a real EventStoreDB (set EVENTSTORE_URL to use one)`,
      );
    } else {
      console.info(`ESDB contract: EventStoreDB at ${connectionString} (from EVENTSTORE_URL)`);
    }
    const { eventStore, snapshotStore } = openEsdbEventStore({ connectionString });
    return {
      eventStore,
      snapshotStore,
      dropSubscriptions: server && (() => server.dropSubscriptions()),
      close: async () => {
        await eventStore.close();
        await server?.stop();
      },
    };
  },
  { dropSubscriptions: realServer === undefined },
);
