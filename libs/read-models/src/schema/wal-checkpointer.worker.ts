// The read database's WAL checkpointer (wal-checkpointer.ts): on a connection of its own, copies
// the write-ahead log into the database file every `intervalMs`, so the projector's commits
// never do it. PASSIVE: it waits for no reader and no writer, and copies what it can.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { prepareReadSqlite } from './sqlite-read-settings';

const { file, busyTimeoutMs, intervalMs } = workerData as {
  file: string;
  busyTimeoutMs: number;
  intervalMs: number;
};
const db = new Database(file, { timeout: busyTimeoutMs });
prepareReadSqlite(db);

const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}, intervalMs);

parentPort?.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
