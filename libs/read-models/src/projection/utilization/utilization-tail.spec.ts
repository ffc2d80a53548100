import type { UtilizationBucketRow } from '../../schema/entities';
import { BUCKET_MS } from './buckets';
import { stepsFrom } from './hour-steps';
import { HOURS_OF_STEPS, sliceTail, trimTail } from './utilization-tail';

const T = Date.parse('2026-03-02T00:00:00.000Z');
const hourAt = (hour: number) => new Date(T + hour * BUCKET_MS).toISOString();
const row = (hour: number, levelAtEnd: number): UtilizationBucketRow => ({
  licenseId: 'lic',
  holderKind: 'lease',
  bucketStart: hourAt(hour),
  levelAtStart: 0,
  levelAtEnd,
  peak: levelAtEnd,
  seatMs: 0,
});

describe('utilization tail (the projector cache)', () => {
  const steps = new Map([
    [hourAt(5), stepsFrom([[10, -2]])],
    [hourAt(0), stepsFrom([[0, 1]])],
    [hourAt(60), stepsFrom([[7, -1]])],
  ]);
  const tail = { from: T, base: 3, rows: [row(0, 4), row(5, 2), row(60, 1)], steps };

  it('U1: a slice gives the level before the hour asked for and every row from it', () => {
    expect(sliceTail(tail, T)).toEqual({ base: 3, editable: tail.rows, steps });
    expect(sliceTail(tail, T + 3 * BUCKET_MS)).toEqual({
      base: 4,
      editable: [row(5, 2), row(60, 1)],
      steps,
    });
    expect(sliceTail(tail, T + 61 * BUCKET_MS)).toEqual({ base: 1, editable: [], steps });
  });

  it('U1: trimming keeps 48 hours and carries the level of what it drops, and their steps', () => {
    expect(trimTail(tail)).toEqual({
      from: T + 12 * BUCKET_MS,
      base: 2,
      rows: [row(60, 1)],
      steps: new Map([[hourAt(60), stepsFrom([[7, -1]])]]),
    });
    expect(sliceTail(trimTail(tail), T + 13 * BUCKET_MS).base).toEqual(
      sliceTail(tail, T + 13 * BUCKET_MS).base,
    );
  });

  it('U1: a tail keeps the steps of the hours used last, no more', () => {
    const many = new Map(
      Array.from({ length: HOURS_OF_STEPS + 3 }, (_, h) => [hourAt(h), stepsFrom([[h, 1]])]),
    );
    const rows = Array.from({ length: HOURS_OF_STEPS + 3 }, (_, h) => row(h, h));
    const kept = trimTail({ from: T, base: 0, rows, steps: many }).steps;
    expect([...kept.keys()]).toEqual([...many.keys()].slice(3));
  });
});
