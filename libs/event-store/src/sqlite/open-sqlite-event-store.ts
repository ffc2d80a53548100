import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Clock } from '@lic/clock';
import { CallGate } from '../call-gate';
import type { EventStore, SnapshotStore } from '../event-store.port';
import { inlineWriter } from './append-batch';
import { ChangeNotifier } from './change-notifier';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteEventsTable } from './sqlite-events-table';
import { DEFAULT_BUSY_TIMEOUT_MS, prepareDatabase } from './sqlite-schema';
import { SqliteSnapshotStore } from './sqlite-snapshot-store';
import { threadWriter } from './writer/sqlite-writer-thread';

export interface SqliteEventStoreOptions {
  /** Path of the database file (its directory is created if missing), or ':memory:'. */
  readonly file: string;
  /** Stamps recordedAt. */
  readonly clock: Clock;
  /**
   * How long SQLite waits for another connection's lock before an operation reports
   * SQLITE_BUSY and is retried asynchronously (default 10 s).
   */
  readonly busyTimeoutMs?: number;
  /**
   * FULL (default): every acknowledged append survives a power loss. NORMAL: survives an
   * application crash only (faster; for benchmarks that compare the two).
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /**
   * Where appends are committed. 'thread' (the default for a file): a worker thread with its
   * own connection, so neither the inserts nor the commit's fsync block the event loop.
   * 'inline': on the calling thread (always so for ':memory:', which one connection owns).
   */
  readonly writer?: 'thread' | 'inline';
}

export interface SqliteStores {
  readonly eventStore: EventStore;
  /** Shares the event store's connection; closing the event store closes both. */
  readonly snapshotStore: SnapshotStore;
  /** The connection's settings as SQLite reports them (benchmarks label their figures). */
  readonly settings: { readonly journalMode: string; readonly synchronous: string };
}

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

export function openSqliteEventStore({
  file,
  clock,
  busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS,
  synchronous = 'FULL',
  writer = 'thread',
}: SqliteEventStoreOptions): SqliteStores {
  const inMemory = file === ':memory:';
  if (!inMemory) mkdirSync(dirname(resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    prepareDatabase(db, busyTimeoutMs, synchronous);
    const table = new SqliteEventsTable(db);
    const notifier = new ChangeNotifier(() => table.dataVersion());
    const gate = new CallGate();
    const level = Number(db.pragma('synchronous', { simple: true }));
    const recordedAt = () => new Date(clock.now()).toISOString();
    const appends =
      inMemory || writer === 'inline'
        ? inlineWriter(db, table, recordedAt)
        : threadWriter({ file, busyTimeoutMs, synchronous }, recordedAt);
    return {
      eventStore: new SqliteEventStore(db, table, notifier, appends, gate),
      snapshotStore: new SqliteSnapshotStore(db, gate, appends.saveSnapshot),
      settings: {
        journalMode: String(db.pragma('journal_mode', { simple: true })),
        synchronous: SYNCHRONOUS[level] ?? String(level),
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
