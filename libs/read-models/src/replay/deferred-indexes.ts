import type { DataSource } from 'typeorm';
import { dialectOf } from '../schema/read-db';

/**
 * Tables a rebuild only appends to — no projection reads them back — whose secondary indexes
 * are built once at the end of a rebuild instead of row by row: audit_log (one row per event,
 * four indexes) and refusals. Their primary keys stay (they are what a conflict would hit).
 */
export const DEFERRED_INDEX_TABLES: readonly string[] = ['audit_log', 'refusals'];

export interface IndexDefinition {
  readonly name: string;
  /** The statement that created it, as the database reports it. */
  readonly sql: string;
}

/** The secondary (non-constraint) indexes of `tables`, with the statements that make them. */
export const secondaryIndexes = async (
  dataSource: DataSource,
  tables: readonly string[],
): Promise<IndexDefinition[]> => {
  if (dialectOf(dataSource) === 'sqlite') {
    const rows: { name: string; sql: string }[] = await dataSource.query(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN (${tables.map(() => '?').join(', ')}) ORDER BY name`,
      [...tables],
    );
    return rows.map((r) => ({ name: r.name, sql: r.sql }));
  }
  const rows: { name: string; sql: string }[] = await dataSource.query(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS sql
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND t.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
      ORDER BY i.relname`,
    [[...tables]],
  );
  return rows.map((r) => ({ name: r.name, sql: r.sql }));
};

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Runs `load` with the secondary indexes of `tables` dropped, and creates them again afterwards
 * from the very statements the database reported — whether `load` succeeds or fails, so a
 * failed rebuild still leaves the schema whole. (A process killed in between leaves them
 * missing: rows stay right, queries on those tables slow; run the rebuild again.)
 */
export const withDeferredIndexes = async <T>(
  dataSource: DataSource,
  tables: readonly string[],
  load: () => Promise<T>,
): Promise<T> => {
  const indexes = await secondaryIndexes(dataSource, tables);
  for (const index of indexes) await dataSource.query(`DROP INDEX ${quoted(index.name)}`);
  try {
    return await load();
  } finally {
    for (const index of indexes) await dataSource.query(index.sql);
  }
};
