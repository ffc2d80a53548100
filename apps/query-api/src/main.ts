import { loadConfigOrExit } from '@lic/config';
import { createQueryApi } from './bootstrap';

/** The query API and the seat dashboard on QUERY_API_PORT. */
const main = async (): Promise<void> => {
  const config = loadConfigOrExit();
  const api = await createQueryApi(config);
  await api.app.listen(config.QUERY_API_PORT, config.HOST);
  const url = `http://${config.HOST}:${config.QUERY_API_PORT}`;
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
