import type { Logger } from 'pino';

export interface TerminationOptions {
  /** Longest a graceful stop may take before the process exits 1 anyway. */
  readonly graceMs?: number;
  readonly signals?: readonly NodeJS.Signals[];
  /** Tests only. */
  readonly exit?: (code: number) => void;
}

/**
 * For mains: on SIGTERM (or SIGINT) run `stop` once — the app's ordered, graceful shutdown —
 * and exit 0 when it has finished, 1 if it failed or overran `graceMs`. Returns a function
 * that removes the signal handlers.
 */
export const stopOnSignals = (
  stop: () => Promise<void>,
  logger: Logger,
  options: TerminationOptions = {},
): (() => void) => {
  const graceMs = options.graceMs ?? 15_000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      // Ctrl-C reaches every process of the group, and a supervisor may send SIGTERM as well:
      // a repeated signal does not cut the stop short (the grace period bounds it).
      logger.info({ signal }, 'already shutting down');
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const overrun = setTimeout(() => {
      logger.error({ graceMs }, 'shutdown overran its grace period: exiting');
      exit(1);
    }, graceMs);
    overrun.unref();
    stop().then(
      () => {
        clearTimeout(overrun);
        logger.info('shut down cleanly');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(overrun);
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
};
