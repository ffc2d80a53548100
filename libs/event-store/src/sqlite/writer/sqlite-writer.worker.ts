// The SQLite writer thread's entry: its own connection to the event store's file, on which
// it commits the groups of appends the main thread sends, one at a time (`appendBatch`), and
// the snapshots it is given; it answers each group only after its COMMIT returned — so the fsync of synchronous=FULL
// happens here, not on the main thread's event loop. Imports are relative: this file is
// loaded on its own, without the path aliases of the apps.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { appendBatch } from '../append-batch';
import { SqliteEventsTable } from '../sqlite-events-table';
import { prepareDatabase } from '../sqlite-schema';
import { snapshotSaver } from '../sqlite-snapshot-store';
import {
  packOutcomes,
  toWire,
  unpackGroup,
  type FromWriter,
  type ToWriter,
  type WriterOptions,
} from './writer-messages';

const port = parentPort;
if (port === null) throw new Error('sqlite-writer.worker runs as a worker thread only');

const { file, busyTimeoutMs, synchronous } = workerData as WriterOptions;
const db = new Database(file);
prepareDatabase(db, busyTimeoutMs, synchronous);
const commit = appendBatch(db, new SqliteEventsTable(db));
const saveSnapshot = snapshotSaver(db);
const answer = (message: FromWriter) => port.postMessage(message);

port.on('message', (message: ToWriter) => {
  if (message.kind === 'close') {
    db.close();
    port.close();
    return;
  }
  const { id } = message;
  done(message).then(answer, (error: unknown) =>
    answer({ kind: 'failed', id, error: toWire(error) }),
  );
});

async function done(message: Exclude<ToWriter, { kind: 'close' }>): Promise<FromWriter> {
  const { id } = message;
  if (message.kind === 'snapshot') {
    await saveSnapshot(message.snapshot);
    return { kind: 'saved', id };
  }
  const { recordedAt, requests } = unpackGroup(message.group);
  return { kind: 'committed', id, outcomes: packOutcomes(await commit(recordedAt, requests)) };
}
