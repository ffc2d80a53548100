import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import type { EventStore } from '@lic/event-store';
import {
  AuditEntryRow,
  PROJECTED_STREAM_PREFIXES,
  Params,
  dialectOf,
  quote,
  recreateReadModels,
  withDeferredIndexes,
} from '@lic/read-models';
import { auditEntry } from '../../../libs/read-models/src/projection/projections/audit.projection';
import { sqliteConnectionOf } from '../../../libs/read-models/src/projection/sql/sqlite-statements';
import { SQLITE_ROWS_PER_STATEMENT } from '../../../libs/read-models/src/projection/sql/table-writer';

/** Rows per transaction of the raw baseline (the ceiling the issue names). */
export const RAW_ROWS_PER_TRANSACTION = 1_000;

/** Every projected event as the bound values of its audit_log row, read before timing starts. */
const auditValues = async (eventStore: EventStore, db: DataSource) => {
  const metadata = db.getMetadata(AuditEntryRow);
  const columns = metadata.columns;
  const rows: unknown[][] = [];
  for await (const recorded of eventStore.readAll()) {
    if (!PROJECTED_STREAM_PREFIXES.some((p) => recorded.streamName.startsWith(p))) continue;
    const row = auditEntry({ kind: 'other', recorded, why: 'raw insert', known: false });
    rows.push(
      columns.map((c) => {
        const v = db.driver.preparePersistentValue(
          row[c.propertyName as keyof AuditEntryRow] ?? null,
          c,
        ) as unknown;
        return typeof v === 'boolean' ? Number(v) : v;
      }),
    );
  }
  const names = columns.map((c) => quote(c.databaseName)).join(', ');
  return { rows, table: quote(metadata.tableName), names, width: columns.length };
};

/**
 * The ceiling: one row per event — the audit_log row, the one row every event gets — inserted
 * straight through the driver, RAW_ROWS_PER_TRANSACTION rows per transaction, into the empty
 * table with its indexes. The events are read and turned into bound values before the clock
 * starts: what is timed is the database's own insert rate. SQLite: prepared statements on
 * better-sqlite3 of SQLITE_ROWS_PER_STATEMENT rows (the rebuild's own), their bound values laid
 * out before the clock. PostgreSQL: one multi-row INSERT per transaction.
 * With `deferIndexes`, the table's secondary indexes are dropped first and built again at the
 * end, inside the timing — the way a rebuild writes audit_log. Returns the rows inserted and
 * the seconds it took.
 */
export const rawInsert = async (
  eventStore: EventStore,
  db: DataSource,
  onBatch: (events: number) => void,
  { deferIndexes = false }: { deferIndexes?: boolean } = {},
): Promise<{ events: number; seconds: number }> => {
  await recreateReadModels(db);
  const values = await auditValues(eventStore, db);
  const transactions = dialectOf(db) === 'sqlite' ? sqliteTransactions(values.rows) : [];
  const started = performance.now();
  const insert = () => insertAll(db, values, transactions, onBatch);
  if (deferIndexes) await withDeferredIndexes(db, ['audit_log'], insert);
  else await insert();
  return { events: values.rows.length, seconds: (performance.now() - started) / 1000 };
};

/** One SQLite transaction's rows: SQLITE_ROWS_PER_STATEMENT to a statement, the rest alone. */
interface Transaction {
  readonly groups: readonly unknown[][];
  readonly rest: readonly unknown[][];
}

/** The rows as the SQLite statements bind them, laid out before the clock starts. */
const sqliteTransactions = (rows: readonly unknown[][]): Transaction[] => {
  const out: Transaction[] = [];
  for (let i = 0; i < rows.length; i += RAW_ROWS_PER_TRANSACTION) {
    const chunk = rows.slice(i, i + RAW_ROWS_PER_TRANSACTION);
    const whole = chunk.length - (chunk.length % SQLITE_ROWS_PER_STATEMENT);
    const groups: unknown[][] = [];
    for (let g = 0; g < whole; g += SQLITE_ROWS_PER_STATEMENT) {
      groups.push(chunk.slice(g, g + SQLITE_ROWS_PER_STATEMENT).flat());
    }
    out.push({ groups, rest: chunk.slice(whole) });
  }
  return out;
};

const insertAll = async (
  db: DataSource,
  { rows, table, names, width }: Awaited<ReturnType<typeof auditValues>>,
  transactions: readonly Transaction[],
  onBatch: (events: number) => void,
): Promise<void> => {
  if (dialectOf(db) === 'sqlite') {
    const sqlite = sqliteConnectionOf(db);
    const one = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    const insert = (count: number) =>
      sqlite.prepare(
        `INSERT INTO ${table} (${names}) VALUES ${Array<string>(count).fill(one).join(', ')}`,
      );
    const group = insert(SQLITE_ROWS_PER_STATEMENT);
    const single = insert(1);
    const chunk = sqlite.transaction(({ groups, rest }: Transaction) => {
      for (const values of groups) group.run(values);
      for (const values of rest) single.run(values);
    });
    for (const [i, transaction] of transactions.entries()) {
      chunk(transaction);
      onBatch(Math.min(rows.length, (i + 1) * RAW_ROWS_PER_TRANSACTION));
      if (i % 20 === 0) await new Promise(setImmediate);
    }
  } else {
    const runner = db.createQueryRunner();
    try {
      for (let i = 0; i < rows.length; i += RAW_ROWS_PER_TRANSACTION) {
        const params = new Params('postgres');
        const values = rows
          .slice(i, i + RAW_ROWS_PER_TRANSACTION)
          .map((v) => `(${v.map((x) => params.add(x)).join(', ')})`)
          .join(', ');
        await runner.startTransaction();
        await runner.query(`INSERT INTO ${table} (${names}) VALUES ${values}`, params.values);
        await runner.commitTransaction();
        onBatch(Math.min(rows.length, i + RAW_ROWS_PER_TRANSACTION));
      }
    } finally {
      await runner.release();
    }
  }
};
