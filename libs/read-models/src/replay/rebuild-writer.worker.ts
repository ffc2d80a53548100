// The SQLite rebuild's writer thread (rebuild-writer-thread.ts): runs each batch's recorded
// statements and its checkpoint compare-and-set in one transaction on a connection of its own,
// in the order the batches arrive, and answers each after its COMMIT (or its rollback).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { prepareReadSqlite } from '../schema/sqlite-read-settings';
import type { RebuildWrite, RebuildWritten } from './rebuild-writer-messages';

const { file, busyTimeoutMs, autocheckpointPages } = workerData as {
  file: string;
  busyTimeoutMs: number;
  autocheckpointPages?: number;
};
const db = new Database(file, { timeout: busyTimeoutMs });
db.pragma('journal_mode = WAL');
prepareReadSqlite(db);
// Each multi-row statement inside the batch's transaction keeps a statement journal (the pages
// it changes, to undo that statement alone if it fails). Past 64 KiB SQLite spills it to a
// temporary file: with the default temp_store, about half of the bytes a rebuild wrote went to
// such files. In memory, a journal is bounded by what one statement changes (at most
// SQLITE_ROWS_PER_STATEMENT rows); this connection runs nothing else that uses temporary storage.
db.pragma('temp_store = MEMORY');
if (autocheckpointPages !== undefined) db.pragma(`wal_autocheckpoint = ${autocheckpointPages}`);

const prepared = new Map<string, Database.Statement>();
const statement = (sql: string) => {
  let s = prepared.get(sql);
  if (s === undefined) {
    s = db.prepare(sql);
    prepared.set(sql, s);
  }
  return s;
};

/** A structured clone turns a Buffer into a plain Uint8Array; better-sqlite3 binds Buffers. */
const bindable = (value: unknown) =>
  value instanceof Uint8Array && !Buffer.isBuffer(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : value;

const write = ({ statements, checkpoint }: RebuildWrite) => {
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const { sql, width, values } of statements) {
      const run = statement(sql);
      const row = new Array<unknown>(width);
      for (let at = 0; at < values.length; at += width) {
        for (let i = 0; i < width; i++) row[i] = bindable(values[at + i]);
        run.run(row);
      }
    }
    const moved = statement(checkpoint.sql).run(checkpoint.params.map(bindable)).changes !== 1;
    if (moved) throw new Error('the read-model checkpoint moved during the rebuild');
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
};

parentPort?.on('message', (message: RebuildWrite) => {
  let answer: RebuildWritten;
  try {
    write(message);
    answer = { id: message.id };
  } catch (error) {
    answer = { id: message.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});
