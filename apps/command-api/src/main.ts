import { loadConfigOrExit } from '@lic/config';
import { createCommandApi } from './bootstrap';

/**
 * The command API on the configured stores (embedded SQLite under ./data by default). Prints
 * its URL. It mints no token: every replica would print a new admin secret into its logs at
 * each start. Admin tokens come from a command run on purpose, `npm run admin:token`
 * (src/cli/admin-token.ts); `npm start` prints one for the embedded default.
 */
const main = async (): Promise<void> => {
  const config = loadConfigOrExit();
  const api = await createCommandApi(config);
  await api.app.listen(config.COMMAND_API_PORT, config.HOST);
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
