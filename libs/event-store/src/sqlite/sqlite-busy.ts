import { setTimeout as sleep } from 'node:timers/promises';
import { isSqliteBusy } from './sqlite-errors';

const MAX_ATTEMPTS = 6;
const BASE_DELAY_MS = 25;

/**
 * Runs a synchronous SQLite operation, retrying it when another process kept the database
 * locked for longer than busy_timeout. SQLite's own busy handler does the short waits (it
 * sleeps in small steps, so another process's append costs this one milliseconds); this only
 * catches what escapes it, and waits asynchronously (jittered backoff) so the event loop runs.
 */
export async function retryWhenBusy<T>(what: string, operation: () => T): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return operation();
    } catch (error) {
      if (!isSqliteBusy(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        throw new Error(`${what}: the SQLite database stayed locked by another connection`, {
          cause: error,
        });
      }
      const delay = BASE_DELAY_MS * 2 ** (attempt - 1);
      await sleep(delay / 2 + Math.random() * delay);
    }
  }
}
