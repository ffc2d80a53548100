/** How long a connection to a SQLite read database waits for a lock another one holds. */
export const READ_DB_BUSY_TIMEOUT_MS = 10_000;

/**
 * The settings every connection to a SQLite read database gets (TypeORM's, and a rebuild's
 * writer thread's): the read models can be rebuilt from the store, so a commit need not wait for
 * its own flush (WAL with NORMAL stays consistent after a crash).
 */
export const prepareReadSqlite = (db: { pragma: (source: string) => unknown }): void => {
  db.pragma('synchronous = NORMAL');
};
