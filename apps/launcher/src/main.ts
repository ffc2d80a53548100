import { argsOrExit, type CliSpec } from '@lic/cli';
import { join } from 'node:path';
import { SystemClock } from '@lic/clock';
import { assertCanListen, distinctPorts, loadConfigOrExit } from '@lic/config';
import { startService, type Service } from './service';
import { startupToken } from './startup-token';

const cli: CliSpec = {
  name: 'start',
  command: 'npm start --',
  summary:
    'The whole system on the embedded defaults: command API, projector and query API, each its\n' +
    'own process, on SQLite files under DATA_DIR. Prints the URLs and an admin token (the one\n' +
    'of the last start while it is recorded, not revoked and valid for another day). Every\n' +
    'variable of the three apps applies to them (see .env.example).',
  environment: ['DATA_DIR', 'HOST', 'COMMAND_API_PORT', 'QUERY_API_PORT', 'PROJECTOR_PORT'],
  exitCodes: {
    0: 'stopped by SIGINT or SIGTERM after finishing the work in hand',
    1: 'failed to start (the reason is printed, e.g. a port in use), or failed while running',
  },
};

/**
 * npm start: the whole system on the embedded defaults — the command API, the projector and
 * the query API, each its own process as in production, on SQLite files under DATA_DIR. The
 * command API starts first (it creates the signing keys the query API verifies tokens with).
 * Prints the URLs and one ready-to-use admin token (also written, readable by the owner only, to
 * <DATA_DIR>/admin-token; the same one at the next start while it is good, see startup-token.ts);
 * Ctrl-C stops all three gracefully. `npm run admin:token` mints more.
 */
const main = async (): Promise<void> => {
  argsOrExit(cli, __dirname);
  const config = loadConfigOrExit();
  const ports = {
    COMMAND_API_PORT: config.COMMAND_API_PORT,
    QUERY_API_PORT: config.QUERY_API_PORT,
    PROJECTOR_PORT: config.PROJECTOR_PORT,
  };
  const clash = distinctPorts(ports);
  if (clash !== null) throw new Error(clash);
  for (const [variable, port] of Object.entries(ports) as [keyof typeof ports, number][]) {
    await assertCanListen(variable, config.HOST, port);
  }
  const services: Service[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const s of [...services].reverse()) s.child.kill('SIGTERM');
    await Promise.all(services.map((s) => s.exited));
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  const start = async (name: string) => {
    const service = startService(name, config.DATA_DIR, process.env);
    services.push(service);
    void service.exited.then((code) => {
      if (!stopping) {
        process.stderr.write(`${name} stopped unexpectedly (exit ${code}); stopping the others\n`);
        void stop(1);
      }
    });
    return service.ready;
  };

  const commandBanner = await start('command-api');
  const [projectorBanner, queryBanner] = await Promise.all([
    start('projector'),
    start('query-api'),
  ]);
  const { token, file: tokenFile, reused } = await startupToken(config, new SystemClock());
  const query = `http://${config.HOST}:${config.QUERY_API_PORT}`;
  process.stdout.write(
    [
      'License server running on the embedded defaults (SQLite files under ' +
        config.DATA_DIR +
        ')',
      '',
      commandBanner.trim(),
      projectorBanner.trim(),
      queryBanner.trim(),
      '',
      `admin token   ${token}`,
      `              (${reused ? 'the one of the last start, still valid' : 'new'}; also in ${tokenFile};`,
      '              GET /admin/v1/tokens lists tokens, npm run admin:token mints more)',
      `dashboard     ${query}/dashboard?access_token=${token}`,
      `logs          ${join(config.DATA_DIR, 'logs')}/<service>.log`,
      'Ctrl-C stops all three.',
      '',
    ].join('\n'),
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
