import { fromIso, toIso } from '@lic/domain';
import type { UtilizationBucketRow } from '../../schema/entities';
import { BUCKET_MS } from './buckets';

/**
 * The end of one license's step function for one holder kind: every stored row from `from`
 * on, and the level just before `from`. Enough to fold in steps at or after `from`.
 */
export interface UtilizationTail {
  /** Epoch ms of an hour. */
  readonly from: number;
  readonly base: number;
  /** Every stored row with bucket_start >= from, in time order. */
  readonly rows: readonly UtilizationBucketRow[];
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
  return { base, editable };
};

/** Keeps the last `hours` hours before the newest row: older hours are rarely touched again. */
export const trimTail = (tail: UtilizationTail, hours = 48): UtilizationTail => {
  const newest = tail.rows[tail.rows.length - 1];
  if (newest === undefined) return tail;
  const cutoff = fromIso(newest.bucketStart) - hours * BUCKET_MS;
  if (tail.from >= cutoff) return tail;
  const at = toIso(cutoff);
  let base = tail.base;
  const rows = tail.rows.filter((row) => {
    if (row.bucketStart >= at) return true;
    base = row.levelAtEnd;
    return false;
  });
  return { from: cutoff, base, rows };
};
