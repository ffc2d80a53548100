import type Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';

/** One prepared statement per SQL text, per better-sqlite3 connection. */
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The better-sqlite3 connection under a TypeORM SQLite data source. TypeORM opens exactly one
 * connection for better-sqlite3, so statements run on it join the transaction TypeORM began
 * (the projector's batch): the hot path skips TypeORM's query runner and never prepares a
 * statement twice.
 */
export const sqliteConnectionOf = (dataSource: DataSource): Database.Database => {
  const driver = dataSource.driver as unknown as { databaseConnection?: Database.Database };
  if (driver.databaseConnection === undefined) throw new Error('not a better-sqlite3 data source');
  return driver.databaseConnection;
};

export const preparedOn = (db: Database.Database, sql: string): Database.Statement => {
  let statements = cache.get(db);
  if (statements === undefined) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
};

/** As TypeORM's better-sqlite3 runner binds them: booleans become 1 and 0. */
export const bindable = (value: unknown): unknown =>
  typeof value === 'boolean' ? (value ? 1 : 0) : value;
