import { argsOrExit, type CliSpec } from '@lic/cli';
import { assertCanListen, listenNamingVariable, loadConfigOrExit } from '@lic/config';
import { stopOnSignals } from '@lic/observability';
import { createQueryApi } from './bootstrap';

const cli: CliSpec = {
  name: 'query-api',
  command: 'node dist/apps/query-api/src/main.js',
  summary:
    'The query API and the seat dashboard on HOST:QUERY_API_PORT (read models, audit trail, ' +
    'reports).',
  environment: [
    'EVENT_STORE',
    'READ_DB',
    'HOST',
    'QUERY_API_PORT',
    'PUBLIC_URL',
    'SIGNING_KEYS_DIR',
    'READ_YOUR_WRITES_TIMEOUT_MS',
    'LOG_LEVEL',
  ],
  exitCodes: {
    0: 'stopped by SIGINT or SIGTERM after finishing the work in hand',
    1: 'failed to start (the reason is printed, e.g. a port in use), or failed while running',
  },
};

/**
 * The query API and the seat dashboard on QUERY_API_PORT. On SIGTERM it drains: in-flight
 * requests finish and are answered, then the stores are closed and it exits 0.
 */
const main = async (): Promise<void> => {
  argsOrExit(cli, __dirname);
  const config = loadConfigOrExit();
  const { HOST: host, QUERY_API_PORT: wanted } = config;
  await assertCanListen('QUERY_API_PORT', host, wanted);
  const api = await createQueryApi(config);
  stopOnSignals(() => api.close(), api.logger);
  await listenNamingVariable('QUERY_API_PORT', host, wanted, () => api.app.listen(wanted, host));
  const address = api.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.QUERY_API_PORT;
  const url = `http://${config.HOST}:${port}`;
  process.stdout.write(
    [
      `query API     ${url}  (OpenAPI ${url}/api/docs)`,
      `dashboard     ${url}/dashboard?access_token=<admin token>`,
      `read models   ${config.READ_DB.kind === 'sqlite' ? `SQLite ${config.READ_DB.file}` : 'PostgreSQL'}`,
      '',
    ].join('\n'),
  );
};

main().catch((error: unknown) => {
  process.stderr.write(
    `query API failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
