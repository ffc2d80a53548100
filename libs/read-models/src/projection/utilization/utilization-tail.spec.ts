import type { UtilizationBucketRow } from '../../schema/entities';
import { BUCKET_MS } from './buckets';
import { sliceTail, trimTail } from './utilization-tail';

const T = Date.parse('2026-03-02T00:00:00.000Z');
const row = (hour: number, levelAtEnd: number): UtilizationBucketRow => ({
  licenseId: 'lic',
  holderKind: 'lease',
  bucketStart: new Date(T + hour * BUCKET_MS).toISOString(),
  levelAtStart: 0,
  levelAtEnd,
  peak: levelAtEnd,
  seatMs: 0,
  changes: '[]',
});

describe('utilization tail (the projector cache)', () => {
  const tail = { from: T, base: 3, rows: [row(0, 4), row(5, 2), row(60, 1)] };

  it('U1: a slice gives the level before the hour asked for and every row from it', () => {
    expect(sliceTail(tail, T)).toEqual({ base: 3, editable: tail.rows });
    expect(sliceTail(tail, T + 3 * BUCKET_MS)).toEqual({
      base: 4,
      editable: [row(5, 2), row(60, 1)],
    });
    expect(sliceTail(tail, T + 61 * BUCKET_MS)).toEqual({ base: 1, editable: [] });
  });

  it('U1: trimming keeps 48 hours and carries the level of what it drops', () => {
    expect(trimTail(tail)).toEqual({ from: T + 12 * BUCKET_MS, base: 2, rows: [row(60, 1)] });
    expect(sliceTail(trimTail(tail), T + 13 * BUCKET_MS)).toEqual(
      sliceTail(tail, T + 13 * BUCKET_MS),
    );
  });
});
