import { fromIso, toIso } from '@lic/domain';
import type { UtilizationBucketRow } from '../../schema/entities';
import { BUCKET_MS } from './buckets';
import type { HourSteps } from './hour-steps';

/**
 * The end of one license's step function for one holder kind: every stored row from `from`
 * on, the level just before `from`, and the steps of the hours touched last. Enough to fold in
 * steps at or after `from` (an hour whose steps are not kept is read again).
 */
export interface UtilizationTail {
  /** Epoch ms of an hour. */
  readonly from: number;
  readonly base: number;
  /** Every stored row with bucket_start >= from, in time order. */
  readonly rows: readonly UtilizationBucketRow[];
  /** The stored steps of some of those rows' hours, by bucket_start, least recently used first. */
  readonly steps: ReadonlyMap<string, HourSteps>;
}

/** The part of a tail a batch whose earliest step falls in `fromBucket` needs. */
export const sliceTail = (tail: UtilizationTail, fromBucket: number) => {
  const at = toIso(fromBucket);
  let base = tail.base;
  const editable: UtilizationBucketRow[] = [];
  for (const row of tail.rows) {
    if (row.bucketStart < at) base = row.levelAtEnd;
    else editable.push(row);
  }
  return { base, editable, steps: tail.steps };
};

/** How many hours' steps a tail keeps: the hour now, the hours of the deadlines ahead. */
export const HOURS_OF_STEPS = 8;

/**
 * Keeps the last `hours` hours before the newest row (older hours are rarely touched again),
 * and the steps of the HOURS_OF_STEPS hours used last.
 */
export const trimTail = (tail: UtilizationTail, hours = 48): UtilizationTail => {
  const steps = [...tail.steps].slice(-HOURS_OF_STEPS);
  const newest = tail.rows[tail.rows.length - 1];
  const cutoff = newest === undefined ? tail.from : fromIso(newest.bucketStart) - hours * BUCKET_MS;
  if (tail.from >= cutoff) return { ...tail, steps: new Map(steps) };
  const at = toIso(cutoff);
  let base = tail.base;
  const rows = tail.rows.filter((row) => {
    if (row.bucketStart >= at) return true;
    base = row.levelAtEnd;
    return false;
  });
  return { from: cutoff, base, rows, steps: new Map(steps.filter(([start]) => start >= at)) };
};
