import type { EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { ProjectorCheckpointRow } from '../schema/entities';
import { compareKeys, tablePages, type CanonicalRow } from './table-pages';

export interface RowDifference {
  readonly table: string;
  readonly key: Record<string, string | boolean | null>;
  /** Column → [expected, actual]; a missing row is all columns against null. */
  readonly columns: Record<string, [string | boolean | null, string | boolean | null]>;
  readonly kind: 'missing' | 'unexpected' | 'different';
}

export interface TableComparison {
  readonly table: string;
  readonly expectedRows: number;
  readonly actualRows: number;
  readonly differences: number;
}

export interface ReadModelComparison {
  readonly identical: boolean;
  readonly tables: TableComparison[];
  /** The first differences found, up to the limit asked for. */
  readonly samples: RowDifference[];
}

/** Wall-clock columns a replay cannot reproduce: left out of the comparison. */
const WALL_CLOCK: ReadonlyMap<string, readonly string[]> = new Map([
  ['projector_checkpoint', ['updatedAt']],
]);

const comparedColumns = (metadata: EntityMetadata, target: unknown): ColumnMetadata[] => {
  const skip = metadata.target === target ? (WALL_CLOCK.get(metadata.tableName) ?? []) : [];
  return metadata.columns.filter((c) => !skip.includes(c.propertyName));
};

/** Iterates one table's rows in key order across pages. */
async function* rowsOf(
  manager: EntityManager,
  metadata: EntityMetadata,
  columns: ColumnMetadata[],
) {
  for await (const page of tablePages(manager, metadata, columns)) yield* page;
}

const difference = (
  table: string,
  keys: readonly ColumnMetadata[],
  columns: readonly ColumnMetadata[],
  key: CanonicalRow,
  expected: CanonicalRow | null,
  actual: CanonicalRow | null,
): RowDifference => {
  const changed: RowDifference['columns'] = {};
  columns.forEach((c, i) => {
    const e = expected?.[i] ?? null;
    const a = actual?.[i] ?? null;
    if (expected === null || actual === null || e !== a) changed[c.databaseName] = [e, a];
  });
  return {
    table,
    key: Object.fromEntries(keys.map((k, i) => [k.databaseName, key[i] ?? null])),
    columns: changed,
    kind: expected === null ? 'unexpected' : actual === null ? 'missing' : 'different',
  };
};

/**
 * A3: compares every read-model table of two databases row for row, by primary key, streaming
 * both sides in key order. `expected` is the reference (a fresh replay), `actual` the database
 * under audit. Pass entity managers inside snapshot transactions to compare a live database.
 */
export const compareReadModels = async (
  expected: EntityManager,
  actual: EntityManager,
  { sampleLimit = 20 }: { sampleLimit?: number } = {},
): Promise<ReadModelComparison> => {
  const tables: TableComparison[] = [];
  const samples: RowDifference[] = [];
  for (const metadata of expected.connection.entityMetadatas) {
    const columns = comparedColumns(metadata, ProjectorCheckpointRow);
    const keys = metadata.primaryColumns;
    const keyIndexes = keys.map((k) => columns.indexOf(k));
    const keyOf = (row: CanonicalRow) => keyIndexes.map((i) => row[i] ?? null);
    const left = rowsOf(expected, metadata, columns);
    const right = rowsOf(actual, actual.connection.getMetadata(metadata.target), columns);
    let l = await left.next();
    let r = await right.next();
    let expectedRows = 0;
    let actualRows = 0;
    let differences = 0;
    const note = (d: RowDifference) => {
      differences++;
      if (samples.length < sampleLimit) samples.push(d);
    };
    while (!l.done || !r.done) {
      const order = l.done ? 1 : r.done ? -1 : compareKeys(keys, l.value.key, r.value.key);
      if (order < 0 && !l.done) {
        expectedRows++;
        note(difference(metadata.tableName, keys, columns, l.value.key, l.value.row, null));
        l = await left.next();
      } else if (order > 0 && !r.done) {
        actualRows++;
        note(difference(metadata.tableName, keys, columns, keyOf(r.value.row), null, r.value.row));
        r = await right.next();
      } else if (!l.done && !r.done) {
        expectedRows++;
        actualRows++;
        if (JSON.stringify(l.value.row) !== JSON.stringify(r.value.row)) {
          note(
            difference(metadata.tableName, keys, columns, l.value.key, l.value.row, r.value.row),
          );
        }
        l = await left.next();
        r = await right.next();
      }
    }
    tables.push({ table: metadata.tableName, expectedRows, actualRows, differences });
  }
  return { identical: tables.every((t) => t.differences === 0), tables, samples };
};
