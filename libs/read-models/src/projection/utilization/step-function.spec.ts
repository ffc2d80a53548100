import type { UtilizationBucketRow } from '../../schema/entities';
import { BUCKET_MS, bucketStartOf } from './buckets';
import { rebucket, summarize, type Step } from './step-function';

const H = BUCKET_MS;
const M = 60_000;
const T = Date.parse('2026-03-02T00:00:00.000Z');

/** A toy store of rows and the projector's way of folding a batch of steps into it. */
const store = () => {
  const rows = new Map<string, UtilizationBucketRow>();
  const sorted = () => [...rows.values()].sort((a, b) => (a.bucketStart < b.bucketStart ? -1 : 1));
  return {
    rows: sorted,
    add(steps: readonly Step[]) {
      const from = new Date(Math.min(...steps.map((s) => bucketStartOf(s.at)))).toISOString();
      const before = sorted().filter((r) => r.bucketStart < from);
      const base =
        before.length === 0 ? 0 : (before[before.length - 1] as UtilizationBucketRow).levelAtEnd;
      const editable = sorted().filter((r) => r.bucketStart >= from);
      const result = rebucket('lic', 'lease', base, editable, steps);
      for (const r of result.remove) rows.delete(r.bucketStart);
      for (const r of result.put) rows.set(r.bucketStart, r);
    },
  };
};

describe('utilization step function', () => {
  it('U1: an hour’s peak and seat-milliseconds come from its starting level and its steps', () => {
    // 1 seat from the start, +1 at :10, -1 at :20, -1 at :27.
    expect(
      summarize(1, [
        [10 * M, 1],
        [20 * M, -1],
        [27 * M, -1],
      ]),
    ).toEqual({
      peak: 2,
      seatMs: (10 + 20 + 7) * M,
      levelAtEnd: 0,
    });
    // A holder ending at the instant another starts never overlaps it.
    expect(summarize(1, [[5 * M, 0]]).peak).toBe(1);
    expect(summarize(0, [])).toEqual({ peak: 0, seatMs: 0, levelAtEnd: 0 });
  });

  it('U1: a seat freed earlier than foreseen corrects the hours it spanned, retroactively', () => {
    const s = store();
    // A lease from 00:50, foreseen to end at 02:05 (a long deadline), checked in at 01:10.
    s.add([
      { at: T + 50 * M, delta: 1 },
      { at: T + 2 * H + 5 * M, delta: -1 },
    ]);
    expect(
      s.rows().map((r) => [r.bucketStart.slice(11, 16), r.levelAtStart, r.peak, r.seatMs / M]),
    ).toEqual([
      ['00:00', 0, 1, 10],
      ['02:00', 1, 1, 5],
    ]);
    s.add([
      { at: T + 2 * H + 5 * M, delta: 1 },
      { at: T + H + 10 * M, delta: -1 },
    ]);
    expect(
      s.rows().map((r) => [r.bucketStart.slice(11, 16), r.levelAtStart, r.peak, r.seatMs / M]),
    ).toEqual([
      ['00:00', 0, 1, 10],
      ['01:00', 1, 1, 10],
    ]);
  });

  it('U1: the rows depend on the steps alone, not on how they were batched (A3)', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const steps: Step[] = [];
    for (let i = 0; i < 300; i++) {
      const start = T + Math.floor(random() * 20 * H);
      const end = start + Math.floor(random() * 3 * H);
      steps.push({ at: start, delta: 1 }, { at: end, delta: -1 });
    }
    const once = store();
    once.add(steps);
    for (const size of [1, 7, 64]) {
      const batched = store();
      const shuffled = [...steps].sort(() => random() - 0.5);
      for (let i = 0; i < shuffled.length; i += size) batched.add(shuffled.slice(i, i + size));
      expect(batched.rows()).toEqual(once.rows());
    }
    expect(once.rows().every((r) => r.levelAtStart >= 0 && r.peak >= r.levelAtEnd)).toBe(true);
  });
});
