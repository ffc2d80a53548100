import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../threads/worker-entry';
import type { AppendWriter, Outcome } from '../append-batch';
import type { AppendRequest } from '../sqlite-append';
import type { SnapshotWrite } from '../sqlite-snapshot-store';
import {
  fromWire,
  packGroup,
  unpackOutcomes,
  type FromWriter,
  type ToWriter,
  type WriterOptions,
} from './writer-messages';

interface Waiter {
  readonly resolve: (message: FromWriter) => void;
  readonly reject: (error: unknown) => void;
}

/** What a message to the thread asks, without the id this side gives it. */
type Ask =
  | Omit<Extract<ToWriter, { kind: 'append' }>, 'id'>
  | Omit<Extract<ToWriter, { kind: 'snapshot' }>, 'id'>;

/**
 * The main thread's side of the writer thread: each group of appends and each snapshot is a
 * request the thread answers after writing it. If the thread dies, every request in flight and
 * every later one fails (the store reports it; nothing is acknowledged that was not committed).
 * The thread keeps the process alive only while a request is in flight.
 */
export class SqliteWriterThread {
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 0;
  private broken: Error | null = null;
  private readonly exited: Promise<void>;

  private constructor(private readonly worker: Worker) {
    worker.unref();
    worker.on('message', (message: FromWriter) => this.answered(message));
    worker.on('error', (error) => this.fail(error));
    this.exited = new Promise((ok) =>
      worker.once('exit', (code) => {
        this.fail(new Error(`the SQLite writer thread stopped (exit code ${code})`));
        ok();
      }),
    );
  }

  static start(options: WriterOptions): SqliteWriterThread {
    const { file, execArgv } = workerEntry(__dirname, 'sqlite-writer.worker', __filename);
    return new SqliteWriterThread(new Worker(file, { workerData: options, execArgv }));
  }

  async commit(recordedAt: string, requests: readonly AppendRequest[]): Promise<Outcome[]> {
    const answer = await this.ask({ kind: 'append', group: packGroup(recordedAt, requests) });
    if (answer.kind !== 'committed') throw new Error(`the writer thread answered ${answer.kind}`);
    return unpackOutcomes(answer.outcomes);
  }

  async saveSnapshot(snapshot: SnapshotWrite): Promise<void> {
    await this.ask({ kind: 'snapshot', snapshot });
  }

  /** Throws why the thread can no longer write (it stopped, or was closed). */
  check(): void {
    if (this.broken !== null) throw this.broken;
  }

  /** Closes the thread's connection and waits for the thread to stop (nothing may be in flight). */
  async close(): Promise<void> {
    this.worker.ref(); // the caller awaits the thread's exit: keep the process up for it
    if (this.broken === null) this.worker.postMessage({ kind: 'close' } satisfies ToWriter);
    this.broken ??= new Error('the SQLite writer thread is closed');
    await this.exited;
  }

  private ask(ask: Ask): Promise<FromWriter> {
    if (this.broken !== null) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.waiting.size === 1) this.worker.ref();
      this.worker.postMessage({ ...ask, id } satisfies ToWriter);
    });
  }

  private answered(message: FromWriter): void {
    const waiter = this.settle(message.id);
    if (message.kind === 'failed') waiter?.reject(fromWire(message.error));
    else waiter?.resolve(message);
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const id of [...this.waiting.keys()]) this.settle(id)?.reject(error);
  }

  private settle(id: number): Waiter | undefined {
    const waiter = this.waiting.get(id);
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker.unref();
    return waiter;
  }
}

/** Writes on the writer thread, through its own connection to the store's file. */
export const threadWriter = (options: WriterOptions, recordedAt: () => string): AppendWriter => {
  const thread = SqliteWriterThread.start(options);
  return {
    commit: (requests) => thread.commit(recordedAt(), requests),
    saveSnapshot: (snapshot) => thread.saveSnapshot(snapshot),
    check: () => thread.check(),
    close: () => thread.close(),
  };
};
