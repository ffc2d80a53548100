import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { ReadDbUrl } from '@lic/config';
import { readModelEntities } from './entities';
import { readModelMigrations } from './migrations';
import { READ_DB_BUSY_TIMEOUT_MS, prepareReadSqlite } from './sqlite-read-settings';

export const READ_MODEL_MIGRATIONS_TABLE = 'read_model_migrations';

export type Dialect = 'sqlite' | 'postgres';

export const dialectOf = (dataSource: DataSource): Dialect =>
  dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';

/** The SQLite file under this data source, which another connection (a thread) can open. */
export const sqliteFileOf = (dataSource: DataSource): string | null => {
  if (dialectOf(dataSource) !== 'sqlite') return null;
  const file = (dataSource.options as { database?: unknown }).database;
  return typeof file === 'string' && file !== ':memory:' && file !== '' ? file : null;
};

/**
 * TypeORM options for the read database. The schema comes from migrations only; `synchronize`
 * stays off. SQLite runs in WAL mode so the query API reads while the projector writes.
 */
export const readDataSourceOptions = (url: ReadDbUrl): DataSourceOptions => {
  const common = {
    entities: [...readModelEntities],
    migrations: [...readModelMigrations],
    migrationsTableName: READ_MODEL_MIGRATIONS_TABLE,
    synchronize: false,
    logging: false,
  };
  if (url.kind === 'postgres') return { ...common, type: 'postgres', url: url.url, poolSize: 10 };
  return {
    ...common,
    type: 'better-sqlite3',
    database: url.file,
    enableWAL: url.file !== ':memory:',
    timeout: READ_DB_BUSY_TIMEOUT_MS,
    prepareDatabase: prepareReadSqlite,
  };
};

export interface OpenReadDbOptions {
  /** Apply pending migrations. Default true. */
  readonly migrate?: boolean;
}

/** The PostgreSQL advisory lock every process takes around the read-model migrations. */
export const MIGRATION_LOCK_KEY = 7_364_127_001;

/**
 * Brings the schema up to date, one process at a time: the projector, the query API and the
 * CLIs may all start together on an empty database, and only the first to get the lock
 * migrates; the others then find nothing pending. PostgreSQL: a session advisory lock held on a
 * connection of its own. SQLite: the migrations run inside one `BEGIN IMMEDIATE` transaction
 * on the data source's single connection, so a second process waits for the first to commit.
 */
const migrate = async (dataSource: DataSource): Promise<void> => {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    if (dialectOf(dataSource) === 'postgres') {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        await dataSource.runMigrations({ transaction: 'all' });
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
      return;
    }
    await runner.query('BEGIN IMMEDIATE');
    try {
      await dataSource.runMigrations({ transaction: 'none' });
      await runner.query('COMMIT');
    } catch (error) {
      await runner.query('ROLLBACK');
      throw error;
    }
  } finally {
    await runner.release();
  }
};

/** SQLite's "database is locked": another process holds a lock SQLite would not wait for. */
const isSqliteBusy = (error: unknown): boolean =>
  error instanceof Error &&
  ((error as { code?: unknown }).code === 'SQLITE_BUSY' ||
    /database is locked/.test(error.message));

const BUSY_ATTEMPTS = 20;

/**
 * Connects to the read database and, by default, brings its schema up to date. On a fresh
 * SQLite file, processes starting together can find it locked while another one switches it to
 * WAL or migrates it (SQLite then answers at once instead of waiting): they try again.
 */
export const openReadDb = async (
  url: ReadDbUrl,
  options: OpenReadDbOptions = {},
): Promise<DataSource> => {
  if (url.kind === 'sqlite' && url.file !== ':memory:') {
    mkdirSync(dirname(resolve(url.file)), { recursive: true });
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect(url, options);
    } catch (error) {
      if (url.kind !== 'sqlite' || !isSqliteBusy(error) || attempt >= BUSY_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt + Math.random() * 50));
    }
  }
};

const connect = async (url: ReadDbUrl, options: OpenReadDbOptions): Promise<DataSource> => {
  const dataSource = await new DataSource(readDataSourceOptions(url)).initialize();
  try {
    if (options.migrate ?? true) await migrate(dataSource);
    return dataSource;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
};

/**
 * Drops every read model (running the migrations down) and creates them again, empty. The rows
 * go first: a down migration narrowing a column (1765000000000) would otherwise fail on a value
 * only the wider column holds (a 3e9 cap on PostgreSQL), and the copies SQLite makes to change
 * a column are of empty tables.
 */
export const recreateReadModels = async (dataSource: DataSource): Promise<void> => {
  await emptyReadModels(dataSource);
  while (await hasAppliedMigrations(dataSource)) {
    await dataSource.undoLastMigration({ transaction: 'all' });
  }
  await dataSource.runMigrations({ transaction: 'all' });
};

const emptyReadModels = async (dataSource: DataSource): Promise<void> => {
  const runner = dataSource.createQueryRunner();
  try {
    for (const { tableName } of dataSource.entityMetadatas) {
      if (await runner.hasTable(tableName)) await runner.query(`DELETE FROM "${tableName}"`);
    }
  } finally {
    await runner.release();
  }
};

const hasAppliedMigrations = async (dataSource: DataSource): Promise<boolean> => {
  const runner = dataSource.createQueryRunner();
  try {
    if (!(await runner.hasTable(READ_MODEL_MIGRATIONS_TABLE))) return false;
    const rows: unknown[] = await runner.query(
      `SELECT 1 FROM ${READ_MODEL_MIGRATIONS_TABLE} LIMIT 1`,
    );
    return rows.length > 0;
  } finally {
    await runner.release();
  }
};
