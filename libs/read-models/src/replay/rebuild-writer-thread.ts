import { Worker } from 'node:worker_threads';
import { workerEntry } from '@lic/event-store';
import { StatementBatch, type RecordedStatement } from '../projection/sql/statement-batch';
import type { BatchRecord, RebuildSink } from './rebuild-pipe';
import type { RebuildWrite, RebuildWritten } from './rebuild-writer-messages';

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * The main thread's side of a SQLite rebuild's writer thread: each batch's statements and
 * checkpoint go to the thread, which commits them in order; `write` resolves after the COMMIT.
 * If the thread fails a batch or stops, that batch and every later one fail.
 */
export class RebuildWriterThread implements RebuildSink {
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 0;
  private broken: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: RebuildWritten) => this.answered(message));
    worker.on('error', (error) => this.fail(error));
    worker.once('exit', (code) =>
      this.fail(new Error(`the rebuild's writer thread stopped (exit code ${code})`)),
    );
  }

  /**
   * @param autocheckpointPages the thread's connection checkpoints the WAL inside a COMMIT only
   *   past this many pages (SQLite's default, 1,000, when not given): a rebuild raises it while
   *   a WalCheckpointer thread does the checkpoints.
   */
  static start(
    file: string,
    busyTimeoutMs: number,
    autocheckpointPages?: number,
  ): RebuildWriterThread {
    const entry = workerEntry(__dirname, 'rebuild-writer.worker', __filename);
    return new RebuildWriterThread(
      new Worker(entry.file, {
        workerData: { file, busyTimeoutMs, autocheckpointPages },
        execArgv: entry.execArgv,
      }),
    );
  }

  record(): StatementBatch {
    return new StatementBatch();
  }

  commit(batch: BatchRecord, checkpoint: RebuildWrite['checkpoint']): Promise<void> {
    if (!(batch instanceof StatementBatch)) {
      return Promise.reject(new Error("the rebuild's writer thread runs SQLite statements only"));
    }
    return this.write(batch.statements, checkpoint);
  }

  write(
    statements: readonly RecordedStatement[],
    checkpoint: RebuildWrite['checkpoint'],
  ): Promise<void> {
    if (this.broken !== null) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const message: RebuildWrite = { id, statements, checkpoint };
      this.worker.postMessage(message);
    });
  }

  /** Stops the thread; a batch not yet committed is rolled back with its connection. */
  async close(): Promise<void> {
    this.fail(new Error("the rebuild's writer thread was closed"));
    await this.worker.terminate();
  }

  private answered({ id, error }: RebuildWritten): void {
    const waiter = this.waiting.get(id);
    this.waiting.delete(id);
    if (error === undefined) waiter?.resolve();
    else this.fail(new Error(`the rebuild's writer thread rolled a batch back: ${error}`), waiter);
  }

  /** Fails `first` (if given) and every batch in flight, and every later one. */
  private fail(error: Error, first?: Waiter): void {
    this.broken ??= error;
    first?.reject(error);
    for (const waiter of this.waiting.values()) waiter.reject(this.broken);
    this.waiting.clear();
  }
}
