import { BUCKET_MS, bucketStartOf } from '@lic/read-models';
import { badRequest } from '@lic/app';
import { InstantParam } from '../http/query-codecs';

export const TimeRangeProps = { from: InstantParam, to: InstantParam };
export const MAX_RANGE_MS = 31 * 24 * BUCKET_MS;

export interface HourRange {
  /** Epoch ms, on hour boundaries: [from, to). */
  readonly from: number;
  readonly to: number;
}

/**
 * A report's range in whole hours: `from` rounded down, `to` rounded up; by default the 24
 * hours up to the end of the current one. At most 31 days.
 */
export const hourRange = (
  q: { from?: string | undefined; to?: string | undefined },
  now: number,
): HourRange => {
  const end = q.to === undefined ? bucketStartOf(now) + BUCKET_MS : Date.parse(q.to);
  const to = bucketStartOf(end - 1) + BUCKET_MS;
  const from = bucketStartOf(q.from === undefined ? to - 24 * BUCKET_MS : Date.parse(q.from));
  if (from >= to) {
    throw badRequest('query.from must be before query.to', [
      { field: 'query.from', problem: 'must be before query.to' },
    ]);
  }
  if (to - from > MAX_RANGE_MS) {
    throw badRequest('the range is longer than 31 days', [
      { field: 'query.to', problem: 'must be at most 31 days after query.from' },
    ]);
  }
  return { from, to };
};
