import { argsOrExit, type CliSpec } from '@lic/cli';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assertCanListen, listenNamingVariable, loadConfigOrExit } from '@lic/config';
import { signAccessToken } from '@lic/signing';
import { createCommandApi } from './bootstrap';

const HOUR = 3_600_000;

const cli: CliSpec = {
  name: 'command-api',
  command: 'node dist/apps/command-api/src/main.js',
  summary:
    'The command API: the client surfaces of seeds 000-002 and the admin API, on\n' +
    'HOST:COMMAND_API_PORT. Prints its URL and an admin token (also in DATA_DIR/admin-token).',
  environment: [
    'DATA_DIR',
    'EVENT_STORE',
    'HOST',
    'COMMAND_API_PORT',
    'PUBLIC_URL',
    'SIGNING_KEYS_DIR',
    'SIGNING_PRIVATE_KEY_FILE',
    'ADMIN_TOKEN_TTL_HOURS',
    'LICENSE_TEST_CLOCK',
    'LOG_LEVEL',
    'SWEEP_INTERVAL_MS',
  ],
  exitCodes: {
    0: 'stopped by SIGINT or SIGTERM after finishing the work in hand',
    1: 'failed to start (the reason is printed, e.g. a port in use), or failed while running',
  },
};

/**
 * The command API on the configured stores (embedded SQLite under ./data by default). Prints
 * its URL and a freshly minted admin token; the token is also written, readable by the owner
 * only, to <DATA_DIR>/admin-token.
 */
const main = async (): Promise<void> => {
  argsOrExit(cli, __dirname);
  const config = loadConfigOrExit();
  const { HOST: host, COMMAND_API_PORT: wanted } = config;
  await assertCanListen('COMMAND_API_PORT', host, wanted);
  const api = await createCommandApi(config);
  await listenNamingVariable('COMMAND_API_PORT', host, wanted, () => api.app.listen(wanted, host));
  const now = api.clock.now();
  const token = await signAccessToken(api.ring, {
    issuer: config.PUBLIC_URL,
    subject: 'bootstrap-admin',
    roles: ['admin'],
    issuedAt: now,
    expiresAt: now + config.ADMIN_TOKEN_TTL_HOURS * HOUR,
  });
  await mkdir(config.DATA_DIR, { recursive: true });
  const tokenFile = join(config.DATA_DIR, 'admin-token');
  await writeFile(tokenFile, `${token}\n`, { mode: 0o600 });
  await chmod(tokenFile, 0o600);
  const address = api.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.COMMAND_API_PORT;
  const url = `http://${config.HOST}:${port}`;
  process.stdout.write(
    [
      `command API   ${url}  (OpenAPI ${url}/api/docs, JWKS ${url}/.well-known/jwks.json)`,
      `event store   ${config.EVENT_STORE.kind === 'sqlite' ? `SQLite ${config.EVENT_STORE.file}` : 'EventStoreDB'}`,
      `admin token   ${token}`,
      `              (also in ${tokenFile})`,
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
