import type Database from 'better-sqlite3';
import type { AppendResult } from '../event-store.port';
import { appendInTransaction, type AppendRequest } from './sqlite-append';
import type { SqliteEventsTable } from './sqlite-events-table';
import { retryWhenBusy } from './sqlite-busy';
import { snapshotSaver, type SaveSnapshot } from './sqlite-snapshot-store';

export type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/** Commits a group of appends; the outcomes are in the order of the requests. */
export type CommitBatch = (requests: readonly AppendRequest[]) => Promise<Outcome[]>;

/**
 * One BEGIN IMMEDIATE transaction for a group of appends, so they share one fsync
 * (synchronous=FULL makes every commit durable, at the price of a disk flush). Each append
 * has its own expected-revision check: a conflict fails that append alone, and the others
 * still commit. An append of several events runs in its own savepoint, rolled back alone if
 * one of its inserts fails; an append of one event needs none, since a failed statement
 * leaves nothing behind (SQLite backs it out and keeps the transaction). A lock held by
 * another process past busy_timeout is waited out asynchronously and the whole group retried.
 */
export const appendBatch = (
  db: Database.Database,
  table: SqliteEventsTable,
): ((recordedAt: string, requests: readonly AppendRequest[]) => Promise<Outcome[]>) => {
  const one = db.transaction((recordedAt: string, request: AppendRequest) =>
    appendInTransaction(table, recordedAt, request),
  );
  const all = db.transaction((recordedAt: string, requests: readonly AppendRequest[]) =>
    requests.map((request): Outcome => {
      try {
        // Nested in `all`, better-sqlite3 runs `one` in a SAVEPOINT and rolls it back alone.
        const result =
          request.events.length === 1
            ? appendInTransaction(table, recordedAt, request)
            : one(recordedAt, request);
        return { ok: true, result };
      } catch (error) {
        // Some failures end the whole transaction (SQLITE_FULL, an I/O error...): the appends
        // before it are undone, and any after it would commit one by one, outside the group.
        // The group fails whole instead.
        if (!db.inTransaction) throw error;
        return { ok: false, error };
      }
    }),
  );
  return (recordedAt, requests) => {
    const streams = [...new Set(requests.map((r) => r.streamName))].join(', ');
    return retryWhenBusy(`append to ${streams}`, () => all.immediate(recordedAt, requests));
  };
};

/** Where a store's groups of appends are committed and its snapshots saved; how that stops. */
export interface AppendWriter {
  readonly commit: CommitBatch;
  readonly saveSnapshot: SaveSnapshot;
  /** Throws why the writer can no longer write (the store's readiness check asks). */
  check(): void;
  close(): Promise<void>;
}

/** Writes on the calling thread, through the store's own connection (an in-memory store). */
export const inlineWriter = (
  db: Database.Database,
  table: SqliteEventsTable,
  recordedAt: () => string,
): AppendWriter => {
  const run = appendBatch(db, table);
  return {
    commit: (requests) => run(recordedAt(), requests),
    saveSnapshot: snapshotSaver(db),
    check: () => undefined,
    close: async () => undefined,
  };
};
