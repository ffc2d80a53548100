import { argsOrExit, type CliSpec } from '@lic/cli';
import { assertCanListen, listenNamingVariable, loadConfigOrExit } from '@lic/config';
import { stopOnSignals } from '@lic/observability';
import { createProjectorApp } from './bootstrap';

const cli: CliSpec = {
  name: 'projector',
  command: 'node dist/apps/projector/src/main.js',
  summary:
    'The projector: keeps the read models in READ_DB current from EVENT_STORE; health and\n' +
    'metrics on HOST:PROJECTOR_PORT. Run exactly one.',
  environment: [
    'EVENT_STORE',
    'READ_DB',
    'HOST',
    'PROJECTOR_PORT',
    'PROJECTION_BATCH_SIZE',
    'READY_MAX_LAG_EVENTS',
    'LOG_LEVEL',
  ],
  exitCodes: {
    0: 'stopped by SIGINT or SIGTERM after finishing the work in hand',
    1: 'failed to start (the reason is printed, e.g. a port in use), or failed while running',
  },
};

/**
 * The projector: read models kept current from the event store; /health, /health/live,
 * /health/ready and /metrics on PROJECTOR_PORT. On SIGTERM it finishes the batch in hand,
 * stores its checkpoint with it, and exits 0.
 */
const main = async (): Promise<void> => {
  argsOrExit(cli, __dirname);
  const config = loadConfigOrExit();
  const { HOST: host, PROJECTOR_PORT: wanted } = config;
  await assertCanListen('PROJECTOR_PORT', host, wanted);
  const projector = await createProjectorApp(config);
  stopOnSignals(() => projector.close(), projector.logger);
  await listenNamingVariable('PROJECTOR_PORT', host, wanted, () =>
    projector.app.listen(wanted, host),
  );
  const address = projector.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PROJECTOR_PORT;
  process.stdout.write(
    `projector     http://${config.HOST}:${port}/health  ` +
      `(read models in ${config.READ_DB.kind === 'sqlite' ? `SQLite ${config.READ_DB.file}` : 'PostgreSQL'})\n`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(
    `projector failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
