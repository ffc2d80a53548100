import { argsOrExit, EXIT, type CliSpec } from '@lic/cli';
import { startEsdbTestServer } from './start-esdb-test-server';

const testServerCli: CliSpec = {
  name: 'esdb:test-server',
  command: 'npm run esdb:test-server --',
  summary:
    "Runs the project's KurrentDB-protocol test server as its own process: Streams.BatchAppend,\n" +
    "Append, Read and catch-up subscriptions with a KurrentDB 25 node's semantics, insecure\n" +
    '(esdb://host:port?tls=false). A test double for tests and local runs, not a database.',
  options: {
    port: { type: 'string', value: 'port', description: 'port to listen on (default 2113)' },
    host: {
      type: 'string',
      value: 'host',
      description: 'address to listen on (default 127.0.0.1)',
    },
    file: {
      type: 'string',
      value: 'path',
      description: 'keep the log in this file (written before each write is acknowledged)',
    },
    'no-batch-append': {
      type: 'boolean',
      description: 'behave as a server from before BatchAppend (clients use Streams.Append)',
    },
  },
  exitCodes: { 0: 'stopped by SIGINT or SIGTERM', 1: 'failed to start or failed while running' },
};

const main = async (): Promise<void> => {
  const args = argsOrExit(testServerCli, __dirname);
  const values = {
    port: String(args.values['port'] ?? '2113'),
    host: String(args.values['host'] ?? '127.0.0.1'),
    file: args.values['file'] === undefined ? undefined : String(args.values['file']),
    'no-batch-append': args.values['no-batch-append'] === true,
  };
  const port = Number(values.port);
  if (!/^\d{1,5}$/.test(values.port) || port > 65535) {
    process.stderr.write(`--port ${values.port} is not a port (--help for usage)\n`);
    process.exit(EXIT.USAGE);
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
  process.exit(1);
});
