import { argsOrExit, type CliSpec } from '@lic/cli';
import { assertCanListen, listenNamingVariable, loadConfigOrExit } from '@lic/config';
import { createCommandApi } from './bootstrap';

const cli: CliSpec = {
  name: 'command-api',
  command: 'node dist/apps/command-api/src/main.js',
  summary:
    'The command API: the client surfaces of seeds 000-002 and the admin API, on\n' +
    'HOST:COMMAND_API_PORT. Prints its URL; admin tokens come from `npm run admin:token`.',
  environment: [
    'DATA_DIR',
    'EVENT_STORE',
    'HOST',
    'COMMAND_API_PORT',
    'PUBLIC_URL',
    'SIGNING_KEYS_DIR',
    'SIGNING_PRIVATE_KEY_FILE',
    'LICENSE_TEST_CLOCK',
    'LOG_LEVEL',
    'SWEEP_INTERVAL_MS',
    'SEAL_INTERVAL_MINUTES',
  ],
  exitCodes: {
    0: 'stopped by SIGINT or SIGTERM after finishing the work in hand',
    1: 'failed to start (the reason is printed, e.g. a port in use), or failed while running',
  },
};

/**
 * The command API on the configured stores (embedded SQLite under ./data by default). Prints
 * its URL. It mints no token: every replica would print a new admin secret into its logs at
 * each start. Admin tokens come from a command run on purpose, `npm run admin:token`
 * (src/cli/admin-token.ts); `npm start` prints one for the embedded default.
 */
const main = async (): Promise<void> => {
  argsOrExit(cli, __dirname);
  const config = loadConfigOrExit();
  const { HOST: host, COMMAND_API_PORT: wanted } = config;
  await assertCanListen('COMMAND_API_PORT', host, wanted);
  const api = await createCommandApi(config);
  await listenNamingVariable('COMMAND_API_PORT', host, wanted, () => api.app.listen(wanted, host));
  const address = api.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.COMMAND_API_PORT;
  const url = `http://${config.HOST}:${port}`;
  const store = config.EVENT_STORE;
  process.stdout.write(
    [
      `command API   ${url}  (OpenAPI ${url}/api/docs, JWKS ${url}/.well-known/jwks.json)`,
      `event store   ${store.kind === 'sqlite' ? `SQLite ${store.file}` : 'KurrentDB'}`,
      config.LICENSE_TEST_CLOCK ? 'test clock    POST /test/v1/clock/advance {"seconds": n}' : '',
      '',
    ]
      .filter((l, i, all) => l !== '' || i === all.length - 1)
      .join('\n'),
  );
};

main().catch((error: unknown) => {
  process.stderr.write(
    `command API failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
