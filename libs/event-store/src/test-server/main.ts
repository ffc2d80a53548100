import { parseArgs } from 'node:util';
import { startEsdbTestServer } from './start-esdb-test-server';

const USAGE = `usage: npm run esdb:test-server -- [--port 2113] [--host 127.0.0.1] [--file <log file>] [--no-batch-append]

Runs the project's KurrentDB-protocol test server as its own process: Streams.BatchAppend,
Append, Read and catch-up subscriptions with a KurrentDB 25 node's semantics, insecure
(esdb://host:port?tls=false). A test double for tests and local runs, not a database:
  --file <path>        keep the log in this file (written before each write is acknowledged)
                       and load it on start, so a restart keeps every acknowledged event;
                       without it the log lives in memory only
  --no-batch-append    behave as a server from before BatchAppend (clients use Streams.Append)
  --help               print this and exit
`;

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '2113' },
      host: { type: 'string', default: '127.0.0.1' },
      file: { type: 'string' },
      'no-batch-append': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!/^\d{1,5}$/.test(values.port) || port > 65535) {
    process.stderr.write(`--port ${values.port} is not a port\n${USAGE}`);
    process.exit(64);
  }
  const server = await startEsdbTestServer({
    port,
    host: values.host,
    file: values.file,
    batchAppend: !values['no-batch-append'],
  });
  process.stdout.write(
    `esdb test server  ${server.connectionString}  (a KurrentDB-protocol test double, not a real ` +
      `KurrentDB; ${values.file === undefined ? 'in memory' : `log in ${values.file}`})\n`,
  );
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
};

main().catch((error: unknown) => {
  process.stderr.write(
    `esdb test server failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(error instanceof TypeError ? 64 : 1);
});
