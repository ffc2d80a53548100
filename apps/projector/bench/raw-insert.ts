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
 * starts: what is timed is the database's own insert rate. SQLite: one prepared statement on
 * better-sqlite3, run once per row. PostgreSQL: one multi-row INSERT per transaction.
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
  const started = performance.now();
  if (deferIndexes) {
    await withDeferredIndexes(db, ['audit_log'], () => insertAll(db, values, onBatch));
  } else await insertAll(db, values, onBatch);
  return { events: values.rows.length, seconds: (performance.now() - started) / 1000 };
};

const insertAll = async (
  db: DataSource,
  { rows, table, names, width }: Awaited<ReturnType<typeof auditValues>>,
  onBatch: (events: number) => void,
): Promise<void> => {
  if (dialectOf(db) === 'sqlite') {
    const sqlite = sqliteConnectionOf(db);
    const insert = sqlite.prepare(
      `INSERT INTO ${table} (${names}) VALUES (${Array.from({ length: width }, () => '?').join(', ')})`,
    );
    const chunk = sqlite.transaction((values: readonly unknown[][]) => {
      for (const v of values) insert.run(v);
    });
    for (let i = 0; i < rows.length; i += RAW_ROWS_PER_TRANSACTION) {
      chunk(rows.slice(i, i + RAW_ROWS_PER_TRANSACTION));
      onBatch(Math.min(rows.length, i + RAW_ROWS_PER_TRANSACTION));
      if (i % (RAW_ROWS_PER_TRANSACTION * 20) === 0) await new Promise(setImmediate);
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
