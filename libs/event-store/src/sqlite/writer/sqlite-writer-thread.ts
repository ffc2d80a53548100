import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AppendWriter, Outcome } from '../append-batch';
import type { AppendRequest } from '../sqlite-append';
import {
  fromWire,
  outcomeFromWire,
  type FromWriter,
  type ToWriter,
  type WriterOptions,
} from './writer-messages';

/** Run from the TypeScript sources (tests, benchmarks), the thread compiles them as the process does. */
const SWC_HOOK = resolve(__dirname, '../../../../../test/event-store/register-swc.js');

const entry = (): { file: string; execArgv?: string[] } => {
  const extension = extname(__filename);
  const file = join(__dirname, `sqlite-writer.worker${extension}`);
  if (extension !== '.ts') return { file };
  const hooked = process.execArgv.some((arg) => arg.endsWith('register-swc.js'));
  return { file, execArgv: hooked ? [...process.execArgv] : [...process.execArgv, '-r', SWC_HOOK] };
};

/**
 * The main thread's side of the writer thread: one group of appends in flight at a time,
 * answered by the thread after its commit. If the thread dies, every append in flight and
 * every later one fails (the store reports it; nothing is acknowledged that was not committed).
 * The thread does not keep the process alive while nothing is in flight.
 */
export class SqliteWriterThread {
  private waiting: { resolve: (o: Outcome[]) => void; reject: (e: unknown) => void } | null = null;
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
    const { file, execArgv } = entry();
    return new SqliteWriterThread(new Worker(file, { workerData: options, execArgv }));
  }

  commit(recordedAt: string, requests: readonly AppendRequest[]): Promise<Outcome[]> {
    if (this.broken !== null) return Promise.reject(this.broken);
    if (this.waiting !== null) return Promise.reject(new Error('a group is already in flight'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.worker.ref();
      this.send({ kind: 'append', recordedAt, requests: [...requests] });
    });
  }

  /** Closes the thread's connection and waits for the thread to stop (nothing may be in flight). */
  async close(): Promise<void> {
    this.worker.ref(); // the caller awaits the thread's exit: keep the process up for it
    if (this.broken === null) this.send({ kind: 'close' });
    this.broken ??= new Error('the SQLite writer thread is closed');
    await this.exited;
  }

  private send(message: ToWriter): void {
    this.worker.postMessage(message);
  }

  private answered(message: FromWriter): void {
    const waiting = this.settle();
    if (message.kind === 'committed') waiting?.resolve(message.outcomes.map(outcomeFromWire));
    else waiting?.reject(fromWire(message.error));
  }

  private fail(error: Error): void {
    this.broken ??= error;
    this.settle()?.reject(error);
  }

  private settle() {
    const waiting = this.waiting;
    this.waiting = null;
    this.worker.unref();
    return waiting;
  }
}

/** Commits on the writer thread, through its own connection to the store's file. */
export const threadWriter = (options: WriterOptions, recordedAt: () => string): AppendWriter => {
  const thread = SqliteWriterThread.start(options);
  return {
    commit: (requests) => thread.commit(recordedAt(), requests),
    close: () => thread.close(),
  };
};
