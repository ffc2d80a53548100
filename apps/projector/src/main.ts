import { loadConfigOrExit } from '@lic/config';
import { createProjectorApp } from './bootstrap';

/** The projector: read models kept current from the event store; /health on PROJECTOR_PORT. */
const main = async (): Promise<void> => {
  const config = loadConfigOrExit();
  const projector = await createProjectorApp(config);
  await projector.app.listen(config.PROJECTOR_PORT, config.HOST);
  const stop = () => {
    projector.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(
    `projector     http://${config.HOST}:${config.PROJECTOR_PORT}/health  ` +
      `(read models in ${config.READ_DB.kind === 'sqlite' ? `SQLite ${config.READ_DB.file}` : 'PostgreSQL'})\n`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(
    `projector failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
