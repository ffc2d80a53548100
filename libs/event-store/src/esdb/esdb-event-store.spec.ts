import { describeEventStoreContract } from '../testing/event-store.contract';
import { startEsdbTestServer, type EsdbTestServer } from '../test-server';
import { openEsdbEventStore } from './open-esdb-event-store';

const realServer = process.env.EVENTSTORE_URL;

/**
 * The contract over KurrentDB. With EVENTSTORE_URL, once against that server (whatever append
 * path it advertises). Otherwise against the project's test server twice: advertising
 * Streams.BatchAppend as every KurrentDB 25 node does (the path production takes), and without
 * it (plain Streams.Append, the path of older servers); each run checks which path was taken.
 */
const paths: readonly (readonly [string, boolean])[] = realServer
  ? [[`KurrentDB at ${realServer} (from EVENTSTORE_URL)`, true]]
  : [
      ['KurrentDB test server, BatchAppend path', true],
      ['KurrentDB test server, plain Append path', false],
    ];

for (const [name, batchAppend] of paths) {
  const servers: EsdbTestServer[] = [];
  describeEventStoreContract(
    name,
    async () => {
      let server: EsdbTestServer | undefined;
      let connectionString = realServer;
      if (connectionString === undefined) {
        server = await startEsdbTestServer({ batchAppend });
        servers.push(server);
        connectionString = server.connectionString;
        console.info(
          `ESDB contract: the project's KurrentDB test server at ${connectionString} (${batchAppend ? 'BatchAppend advertised' : 'no BatchAppend: plain Append'}), not a real KurrentDB (set EVENTSTORE_URL to use one)`,
        );
      } else {
        console.info(`ESDB contract: the server at ${connectionString} (from EVENTSTORE_URL)`);
      }
      const { eventStore, snapshotStore } = openEsdbEventStore({ connectionString });
      return {
        eventStore,
        snapshotStore,
        dropSubscriptions: server && (() => server.dropSubscriptions()),
        close: async () => {
          await eventStore.close();
          if (server !== undefined) {
            const counts = server.callCounts();
            // Every append of this run went through the path the server advertised.
            expect(counts[batchAppend ? 'batchAppend' : 'append']).toBeGreaterThan(0);
            expect(counts[batchAppend ? 'append' : 'batchAppend']).toBe(0);
            await server.stop();
          }
        },
      };
    },
    { dropSubscriptions: realServer === undefined },
  );
}
