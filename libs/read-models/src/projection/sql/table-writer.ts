import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { dialectOf } from '../../schema/read-db';
import { Params, chunks, quote, rowsPerStatement } from './placeholders';
import { copyInto, type SubmittingClient } from './pg-copy';
import { DeferredWrites } from './deferred-writes';
import { bindable, preparedOn, sqliteConnectionOf } from './sqlite-statements';
import { StatementBatch } from './statement-batch';

/**
 * SQLite: rows per multi-row statement. Fewer statement runs than one per row, while each
 * statement stays small to prepare (a 30,000-parameter one cost more than it saved).
 */
export const SQLITE_ROWS_PER_STATEMENT = 50;

/** Most text has neither: one scan to find out, then nothing to replace. */
// eslint-disable-next-line no-control-regex
const NUL_OR_SURROGATE = /[\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as every read database stores it: PostgreSQL refuses NUL in text, and both databases
 * store UTF-8, where a lone surrogate has no encoding. Each becomes U+FFFD (the replacement
 * character) — on SQLite too, so both read models and every rebuild agree. The API refuses
 * such text at the edge; this keeps an event recorded before that from stopping the projector.
 */
export const storableText = (text: string): string =>
  NUL_OR_SURROGATE.test(text)
    ? text.replaceAll(String.fromCharCode(0), '\uFFFD').replace(LONE_SURROGATE, '\uFFFD')
    : text;

/**
 * Multi-row INSERT, upsert and delete statements for one entity, built from its TypeORM
 * metadata and bound with the driver's own value conversion (transformers, booleans), so rows
 * written here read back through repositories unchanged. Faster than the query builder for
 * the projector's batches, and the same SQL on SQLite and PostgreSQL (ON CONFLICT … excluded).
 * On SQLite each row runs through one cached prepared statement on the driver's connection
 * (parsing a 30,000-parameter statement costs more than running a prepared one 1,000 times);
 * on PostgreSQL many rows go in one statement (one round trip). With `bulk` (a rebuild), the
 * PostgreSQL rows go through COPY instead: straight into the table for an insert, through a
 * temporary staging table of the same shape for an upsert or an increment (the same
 * ON CONFLICT statement, reading the staged rows). With `recorder` a rebuild's writes are
 * recorded in order instead of run: a SQLite rebuild's statements (StatementBatch) for its
 * writer thread, a PostgreSQL rebuild's bound writes (DeferredWrites) for its own connection.
 */
export class TableWriter<Row extends ObjectLiteral> {
  private readonly table: string;
  private readonly columns: readonly ColumnMetadata[];
  private readonly keys: readonly ColumnMetadata[];

  constructor(
    private readonly manager: EntityManager,
    target: EntityTarget<Row>,
    private readonly bulk = false,
    private readonly recorder?: StatementBatch | DeferredWrites,
  ) {
    const metadata = manager.connection.getMetadata(target);
    this.table = metadata.tableName;
    this.columns = metadata.columns;
    this.keys = metadata.primaryColumns;
  }

  async insert(rows: readonly Row[]): Promise<void> {
    await this.write(rows, '');
  }

  /** Inserts, or replaces every non-key column of the row with the same primary key. */
  async upsert(rows: readonly Row[]): Promise<void> {
    const sets = this.columns
      .filter((c) => !c.isPrimary)
      .map((c) => `${quote(c.databaseName)} = excluded.${quote(c.databaseName)}`);
    await this.write(rows, ` ON CONFLICT (${this.keyList()}) DO UPDATE SET ${sets.join(', ')}`);
  }

  /** Inserts, or adds the given columns to the existing row's (counters). */
  async increment(rows: readonly Row[], counters: readonly (keyof Row & string)[]): Promise<void> {
    const sets = counters.map((property) => {
      const column = quote(this.column(property).databaseName);
      return `${column} = ${quote(this.table)}.${column} + excluded.${column}`;
    });
    await this.write(rows, ` ON CONFLICT (${this.keyList()}) DO UPDATE SET ${sets.join(', ')}`);
  }

  async deleteByKey(rows: readonly Row[]): Promise<void> {
    const dialect = dialectOf(this.manager.connection);
    if (dialect === 'sqlite') {
      const where = this.keys.map((k) => `${quote(k.databaseName)} = ?`).join(' AND ');
      this.runEach(`DELETE FROM ${quote(this.table)} WHERE ${where}`, rows, this.keys);
      return;
    }
    for (const chunk of chunks(rows, rowsPerStatement(this.keys.length))) {
      const params = new Params(dialect);
      const where = chunk
        .map(
          (row) =>
            `(${this.keys
              .map((k) => `${quote(k.databaseName)} = ${params.add(this.value(row, k))}`)
              .join(' AND ')})`,
        )
        .join(' OR ');
      await this.pgWrite(async (manager) => {
        await manager.query(`DELETE FROM ${quote(this.table)} WHERE ${where}`, params.values);
      });
    }
  }

  /** A PostgreSQL write, its values bound: run now, or recorded for the rebuild's connection. */
  private async pgWrite(write: (manager: EntityManager) => Promise<void>): Promise<void> {
    if (this.recorder instanceof DeferredWrites) this.recorder.add(write);
    else await write(this.manager);
  }

  private async write(rows: readonly Row[], onConflict: string): Promise<void> {
    const dialect = dialectOf(this.manager.connection);
    const names = this.columns.map((c) => quote(c.databaseName)).join(', ');
    if (dialect === 'sqlite') {
      const one = `(${this.columns.map(() => '?').join(', ')})`;
      const insert = (count: number) =>
        `INSERT INTO ${quote(this.table)} (${names}) VALUES ${Array<string>(count).fill(one).join(', ')}${onConflict}`;
      this.runInGroups(insert, rows);
      return;
    }
    if (this.bulk) return this.copy(rows, names, onConflict);
    if (this.recorder instanceof DeferredWrites) {
      throw new Error('a PostgreSQL rebuild records its writes the bulk way only');
    }
    for (const chunk of chunks(rows, rowsPerStatement(this.columns.length))) {
      const params = new Params(dialect);
      const values = chunk
        .map((row) => `(${this.columns.map((c) => params.add(this.value(row, c))).join(', ')})`)
        .join(', ');
      await this.manager.query(
        `INSERT INTO ${quote(this.table)} (${names}) VALUES ${values}${onConflict}`,
        params.values,
      );
    }
  }

  /** PostgreSQL, bulk: COPY into the table, or into its staging table and then upserted. */
  private async copy(rows: readonly Row[], names: string, onConflict: string): Promise<void> {
    if (rows.length === 0) return;
    const values = rows.map((row) => this.columns.map((c) => this.value(row, c)));
    const table = quote(this.table);
    await this.pgWrite(async (manager) => {
      const client = pgClientOf(manager);
      if (onConflict === '') return copyInto(client, table, names, values);
      const stage = quote(`stage_${this.table}`);
      await manager.query(
        `CREATE TEMPORARY TABLE IF NOT EXISTS ${stage} (LIKE ${table}) ON COMMIT DELETE ROWS; TRUNCATE ${stage}`,
      );
      await copyInto(client, stage, names, values);
      await manager.query(
        `INSERT INTO ${table} (${names}) SELECT ${names} FROM ${stage}${onConflict}`,
      );
    });
  }

  /** SQLite: one prepared statement, run once per row, inside the manager's transaction. */
  private runEach(sql: string, rows: readonly Row[], columns: readonly ColumnMetadata[]): void {
    this.runBound(sql, rows, 0, rows.length, 1, columns);
  }

  /**
   * SQLite: the rows SQLITE_ROWS_PER_STATEMENT at a time through one multi-row statement
   * (`sql(n)` writes it for n rows), the rest one by one; both prepared once per connection.
   * SQLite applies the rows of a multi-row INSERT in order, exactly as one statement per row.
   */
  private runInGroups(sql: (rows: number) => string, rows: readonly Row[]): void {
    const width = this.columns.length;
    const group = Math.max(1, Math.min(SQLITE_ROWS_PER_STATEMENT, Math.floor(999 / width)));
    const whole = group > 1 ? rows.length - (rows.length % group) : 0;
    if (whole > 0) this.runBound(sql(group), rows, 0, whole, group, this.columns);
    if (whole < rows.length) this.runBound(sql(1), rows, whole, rows.length, 1, this.columns);
  }

  /**
   * SQLite: runs `sql` once per `perRun` consecutive rows of rows[from, to), their values bound
   * in order — or, with a recorder, binds them straight into its record of `sql`.
   */
  private runBound(
    sql: string,
    rows: readonly Row[],
    from: number,
    to: number,
    perRun: number,
    columns: readonly ColumnMetadata[],
  ): void {
    if (from >= to) return;
    if (this.recorder instanceof StatementBatch) {
      const values = this.recorder.values(sql, perRun * columns.length);
      for (let r = from; r < to; r++) this.bind(values, values.length, rows[r] as Row, columns);
      return;
    }
    const statement = preparedOn(sqliteConnectionOf(this.manager.connection), sql);
    const values = new Array<unknown>(perRun * columns.length);
    for (let r = from; r < to; r += perRun) {
      for (let i = 0; i < perRun; i++) {
        this.bind(values, i * columns.length, rows[r + i] as Row, columns);
      }
      statement.run(values);
    }
  }

  /** Writes the row's bound values into `values` from `at` on, and returns `values`. */
  private bind(
    values: unknown[],
    at: number,
    row: Row,
    columns: readonly ColumnMetadata[],
  ): unknown[] {
    for (let c = 0; c < columns.length; c++) {
      values[at + c] = bindable(this.value(row, columns[c] as ColumnMetadata));
    }
    return values;
  }

  private value(row: Row, column: ColumnMetadata): unknown {
    const value: unknown = row[column.propertyName];
    return this.manager.connection.driver.preparePersistentValue(
      typeof value === 'string' ? storableText(value) : (value ?? null),
      column,
    );
  }

  private column(property: string): ColumnMetadata {
    const column = this.columns.find((c) => c.propertyName === property);
    if (column === undefined) throw new Error(`${this.table} has no column ${property}`);
    return column;
  }

  private keyList(): string {
    return this.keys.map((k) => quote(k.databaseName)).join(', ');
  }
}

/** The pg client of the transaction `manager` runs in (a bulk write needs one). */
const pgClientOf = (manager: EntityManager): SubmittingClient => {
  const runner = manager.queryRunner as { databaseConnection?: SubmittingClient } | undefined;
  if (runner?.databaseConnection === undefined) {
    throw new Error('a bulk write runs inside a transaction on PostgreSQL');
  }
  return runner.databaseConnection;
};
