import type Database from 'better-sqlite3';

/** How long SQLite itself waits for another connection's lock before reporting SQLITE_BUSY. */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position     INTEGER PRIMARY KEY AUTOINCREMENT,
    stream       TEXT    NOT NULL,
    revision     INTEGER NOT NULL,
    id           TEXT    NOT NULL UNIQUE,
    type         TEXT    NOT NULL,
    data         TEXT    NOT NULL,
    metadata     TEXT    NOT NULL,
    recorded_at  TEXT    NOT NULL,
    UNIQUE (stream, revision)
  );
  CREATE TABLE IF NOT EXISTS snapshots (
    stream          TEXT    PRIMARY KEY,
    revision        INTEGER NOT NULL,
    schema_version  TEXT    NOT NULL,
    state           TEXT    NOT NULL
  );
`;

/**
 * Connection settings, then the schema. busy_timeout comes first so that a second process
 * opening the same file while the first switches it to WAL waits instead of failing.
 * WAL lets readers (subscriptions) run beside the single writer. synchronous=FULL (the
 * default) flushes every commit to disk, so an acknowledged append survives an OS crash or a
 * power loss too; group commit (group-commit.ts) shares that flush among concurrent appends.
 * NORMAL survives application crashes only, and is there for benchmarks.
 */
export function prepareDatabase(
  db: Database.Database,
  busyTimeoutMs: number,
  synchronous: 'FULL' | 'NORMAL' = 'FULL',
): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  db.pragma('journal_mode = WAL'); // an in-memory database stays in 'memory' mode
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(SCHEMA);
}
