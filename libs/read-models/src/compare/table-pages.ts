import type { EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { dialectOf } from '../schema/read-db';
import { Params, quote } from '../projection/sql/placeholders';

/** A row reduced to comparable values: bigints and numbers as decimal strings. */
export type CanonicalRow = readonly (string | boolean | null)[];

const canonical = (value: unknown): string | boolean | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint' || typeof value === 'number') return String(value);
  return String(value);
};

/**
 * Reads a table in primary-key order, page by page (keyset pagination), with every value in
 * canonical form. Text keys are compared bytewise on both databases (COLLATE "C" on
 * PostgreSQL, SQLite's BINARY), the order compareKeys follows.
 */
export async function* tablePages(
  manager: EntityManager,
  metadata: EntityMetadata,
  columns: readonly ColumnMetadata[],
  pageSize = 5000,
): AsyncGenerator<{ key: CanonicalRow; row: CanonicalRow }[]> {
  const dialect = dialectOf(manager.connection);
  const keys = metadata.primaryColumns;
  const collate = (c: ColumnMetadata) =>
    dialect === 'postgres' && c.type !== 'bigint' && c.type !== 'integer' ? ' COLLATE "C"' : '';
  const order = keys.map((k) => `${quote(k.databaseName)}${collate(k)}`).join(', ');
  const select = columns.map((c) => quote(c.databaseName)).join(', ');
  let last: unknown[] | null = null;
  for (;;) {
    const params = new Params(dialect);
    let where = '';
    if (last !== null) {
      const lastKey: unknown[] = last;
      const terms = keys.map((k, i) => {
        const equal = keys
          .slice(0, i)
          .map((e, j) => `${quote(e.databaseName)}${collate(e)} = ${params.add(lastKey[j])}`);
        const greater = `${quote(k.databaseName)}${collate(k)} > ${params.add(lastKey[i])}`;
        return `(${[...equal, greater].join(' AND ')})`;
      });
      where = ` WHERE ${terms.join(' OR ')}`;
    }
    const raw: Record<string, unknown>[] = await manager.query(
      `SELECT ${select} FROM ${quote(metadata.tableName)}${where} ORDER BY ${order} LIMIT ${pageSize}`,
      params.values,
    );
    if (raw.length === 0) return;
    const page = raw.map((r) => {
      const value = (c: ColumnMetadata) =>
        canonical(manager.connection.driver.prepareHydratedValue(r[c.databaseName], c));
      return { key: keys.map(value), row: columns.map(value) };
    });
    yield page;
    const tail = raw[raw.length - 1] as Record<string, unknown>;
    last = keys.map((k) => tail[k.databaseName]);
    if (raw.length < pageSize) return;
  }
}

const byteOrder = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** The databases' key order: numeric for integer keys, bytewise for text keys. */
export const compareKeys = (
  keys: readonly ColumnMetadata[],
  a: CanonicalRow,
  b: CanonicalRow,
): number => {
  for (let i = 0; i < keys.length; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    const numeric = keys[i]?.type === 'bigint' || keys[i]?.type === 'integer';
    const c = numeric
      ? BigInt(x) < BigInt(y)
        ? -1
        : BigInt(x) > BigInt(y)
          ? 1
          : 0
      : byteOrder(x, y);
    if (c !== 0) return c;
  }
  return 0;
};
