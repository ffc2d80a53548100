import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { DataSource } from 'typeorm';
import { workerEntry } from '@lic/event-store';
import { sqliteConnectionOf } from '../projection/sql/sqlite-statements';
import { sqliteFileOf } from './read-db';
import { READ_DB_BUSY_TIMEOUT_MS } from './sqlite-read-settings';

/** How often the thread checkpoints: the WAL it leaves holds about this long of commits. */
export const WAL_CHECKPOINT_INTERVAL_MS = 200;

/**
 * The writing connection's own automatic checkpoint while the thread runs, in pages (SQLite's
 * default is 1,000): only reached if the thread falls far behind or stops, so the WAL stays
 * bounded (about 40 MB) whatever happens to it.
 */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * A SQLite read database's WAL checkpoints, on a thread of their own. Without it the connection
 * that commits (the live projector's) checkpoints inside every COMMIT that takes the WAL past
 * 1,000 pages: a copy of the WAL into the database file and two fsyncs, on the event loop, in
 * one batch out of a dozen — the slow batches that set the projection lag's tail. The thread's
 * PASSIVE checkpoints block no reader and no writer.
 */
export class WalCheckpointer {
  private constructor(
    private readonly worker: Worker,
    private readonly restore: () => void,
  ) {}

  /**
   * Starts the thread beside `dataSource` (the connection that writes), or returns null when it
   * is not a SQLite file. `onError` hears a checkpoint that failed (the next one tries again).
   */
  static start(
    dataSource: DataSource,
    onError: (message: string) => void,
    intervalMs = WAL_CHECKPOINT_INTERVAL_MS,
  ): WalCheckpointer | null {
    const file = sqliteFileOf(dataSource);
    if (file === null) return null;
    const connection = sqliteConnectionOf(dataSource);
    const entry = workerEntry(__dirname, 'wal-checkpointer.worker', __filename);
    const worker = new Worker(entry.file, {
      workerData: { file, busyTimeoutMs: READ_DB_BUSY_TIMEOUT_MS, intervalMs },
      execArgv: entry.execArgv,
    });
    worker.on('message', ({ error }: { error: string }) => onError(error));
    worker.on('error', (error) => onError(error.message));
    const own = connection.pragma('wal_autocheckpoint', { simple: true }) as number;
    connection.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
    return new WalCheckpointer(worker, () => {
      if (connection.open) connection.pragma(`wal_autocheckpoint = ${own}`);
    });
  }

  /**
   * Stops the thread (and closes its connection); the writing connection checkpoints again, at
   * the setting it had before start().
   */
  async close(): Promise<void> {
    this.restore();
    if (this.worker.threadId === -1) return;
    const exited = once(this.worker, 'exit');
    this.worker.postMessage('stop');
    await exited;
  }
}
