import { fromIso, toIso } from '@lic/domain';
import type { HolderKind, UtilizationBucketRow } from '../../schema/entities';
import { BUCKET_MS, bucketStartOf } from './buckets';

export interface Step {
  /** Epoch ms. */
  readonly at: number;
  readonly delta: number;
}

export interface Rebucketed {
  readonly put: UtilizationBucketRow[];
  readonly remove: UtilizationBucketRow[];
}

type Changes = Map<number, number>;

const parseChanges = (json: string): Changes =>
  new Map((JSON.parse(json) as [number, number][]).map(([offset, delta]) => [offset, delta]));

/**
 * The hour's figures from the level it starts at and its steps: peak and seat-ms over
 * [start, start + 1h), each step taking effect at its instant (a holder ending at t and one
 * starting at t never overlap).
 */
export const summarize = (levelAtStart: number, steps: readonly (readonly [number, number])[]) => {
  let level = levelAtStart;
  let from = 0;
  let peak = Number.NEGATIVE_INFINITY;
  let seatMs = 0;
  for (const [offset, delta] of steps) {
    if (offset > from) {
      peak = Math.max(peak, level);
      seatMs += level * (offset - from);
    }
    level += delta;
    from = offset;
  }
  peak = Math.max(peak, level);
  seatMs += level * (BUCKET_MS - from);
  return { peak, seatMs, levelAtEnd: level };
};

const sameRow = (a: UtilizationBucketRow, b: UtilizationBucketRow): boolean =>
  a.levelAtStart === b.levelAtStart &&
  a.levelAtEnd === b.levelAtEnd &&
  a.peak === b.peak &&
  a.seatMs === b.seatMs &&
  a.changes === b.changes;

/**
 * U1: adds steps to one license's step function for one holder kind and recomputes the hours
 * from the earliest one touched. `editable` must hold every stored row from that hour on, and
 * `base` the level just before it. The rows that result depend only on the steps ever added,
 * never on how they were batched: a replay writes the same rows.
 */
export const rebucket = (
  licenseId: string,
  holderKind: HolderKind,
  base: number,
  editable: readonly UtilizationBucketRow[],
  steps: readonly Step[],
): Rebucketed => {
  const stored = new Map(editable.map((row) => [fromIso(row.bucketStart), row]));
  const hours = new Map<number, Changes>(
    editable.map((row) => [fromIso(row.bucketStart), parseChanges(row.changes)]),
  );
  for (const { at, delta } of steps) {
    const start = bucketStartOf(at);
    const changes = hours.get(start) ?? new Map<number, number>();
    const total = (changes.get(at - start) ?? 0) + delta;
    if (total === 0) changes.delete(at - start);
    else changes.set(at - start, total);
    hours.set(start, changes);
  }

  const put: UtilizationBucketRow[] = [];
  const remove: UtilizationBucketRow[] = [];
  let level = base;
  for (const start of [...hours.keys()].sort((a, b) => a - b)) {
    const before = stored.get(start);
    const changes = [...(hours.get(start) as Changes).entries()].sort((a, b) => a[0] - b[0]);
    if (changes.length === 0) {
      if (before) remove.push(before);
      continue;
    }
    const { peak, seatMs, levelAtEnd } = summarize(level, changes);
    const row: UtilizationBucketRow = {
      licenseId,
      holderKind,
      bucketStart: toIso(start),
      levelAtStart: level,
      levelAtEnd,
      peak,
      seatMs,
      changes: JSON.stringify(changes),
    };
    if (!before || !sameRow(before, row)) put.push(row);
    level = levelAtEnd;
  }
  return { put, remove };
};
