import type { UtilizationBucketRow, UtilizationStepRow } from '../../schema/entities';
import { BUCKET_MS, bucketStartOf } from './buckets';
import { stepsFrom } from './hour-steps';
import { rebucket, summarize, type Step } from './step-function';

const H = BUCKET_MS;
const M = 60_000;
const T = Date.parse('2026-03-02T00:00:00.000Z');

/**
 * A toy store of rows and steps, and the projector's way of folding a batch of steps into it:
 * only what rebucket says to write is written.
 */
const store = () => {
  const rows = new Map<string, UtilizationBucketRow>();
  const stepRows = new Map<string, UtilizationStepRow>();
  const sorted = () => [...rows.values()].sort((a, b) => (a.bucketStart < b.bucketStart ? -1 : 1));
  const stepsOf = () => {
    const hours = new Map<string, [number, number][]>();
    for (const r of stepRows.values()) {
      hours.set(r.bucketStart, [...(hours.get(r.bucketStart) ?? []), [r.offsetMs, r.delta]]);
    }
    return new Map([...hours].map(([start, pairs]) => [start, stepsFrom(pairs)]));
  };
  const stepKey = (r: UtilizationStepRow) => `${r.bucketStart}+${r.offsetMs}`;
  return {
    rows: sorted,
    steps: () =>
      [...stepRows.values()].sort(
        (a, b) => Date.parse(a.bucketStart) + a.offsetMs - (Date.parse(b.bucketStart) + b.offsetMs),
      ),
    add(steps: readonly Step[]) {
      const from = new Date(Math.min(...steps.map((s) => bucketStartOf(s.at)))).toISOString();
      const before = sorted().filter((r) => r.bucketStart < from);
      const base =
        before.length === 0 ? 0 : (before[before.length - 1] as UtilizationBucketRow).levelAtEnd;
      const editable = sorted().filter((r) => r.bucketStart >= from);
      const result = rebucket('lic', 'lease', base, editable, stepsOf(), steps);
      for (const r of result.remove) rows.delete(r.bucketStart);
      for (const r of result.put) rows.set(r.bucketStart, r);
      for (const r of result.removeSteps) stepRows.delete(stepKey(r));
      for (const r of result.putSteps) stepRows.set(stepKey(r), r);
      return result;
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

  it('U1: the rows and steps depend on the steps alone, not on how they were batched (A3)', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    // Instants to the millisecond, then to the minute (so steps meet at one instant and cancel).
    for (const grain of [1, M]) {
      const at = (ms: number) => T + Math.floor(ms / grain) * grain;
      const steps: Step[] = [];
      for (let i = 0; i < 300; i++) {
        const start = random() * 20 * H;
        const end = start + random() * 3 * H;
        steps.push({ at: at(start), delta: 1 }, { at: at(end), delta: -1 });
      }
      const once = store();
      once.add(steps);
      const merged = new Map<number, number>();
      for (const s of steps) merged.set(s.at, (merged.get(s.at) ?? 0) + s.delta);
      expect(once.steps().map((r) => [Date.parse(r.bucketStart) + r.offsetMs, r.delta])).toEqual(
        [...merged].filter(([, d]) => d !== 0).sort((a, b) => a[0] - b[0]),
      );
      for (const size of [1, 7, 64]) {
        const batched = store();
        const shuffled = [...steps].sort(() => random() - 0.5);
        for (let i = 0; i < shuffled.length; i += size) batched.add(shuffled.slice(i, i + size));
        expect(batched.rows()).toEqual(once.rows());
        expect(batched.steps()).toEqual(once.steps());
      }
      expect(once.rows().every((r) => r.levelAtStart >= 0 && r.peak >= r.levelAtEnd)).toBe(true);
    }
  });

  it('U1: a step added to a busy hour writes that step and that hour, not the hour’s steps', () => {
    const s = store();
    const busy: Step[] = [];
    for (let i = 0; i < 10_000; i++) busy.push({ at: T + i * 300, delta: i % 2 === 0 ? 1 : -1 });
    s.add(busy);
    s.add([{ at: T + 5 * H, delta: 1 }]); // a later hour, which the next batch shifts
    const result = s.add([{ at: T + 100_001, delta: 1 }]);
    expect(result.putSteps).toEqual([
      {
        licenseId: 'lic',
        holderKind: 'lease',
        bucketStart: s.rows()[0]?.bucketStart,
        offsetMs: 100_001,
        delta: 1,
      },
    ]);
    expect(result.removeSteps).toEqual([]);
    expect(result.put.map((r) => [r.bucketStart.slice(11, 16), r.levelAtStart, r.peak])).toEqual([
      ['00:00', 0, 2],
      ['05:00', 1, 2],
    ]);
    // Cancelling it deletes that one step row.
    const undo = s.add([{ at: T + 100_001, delta: -1 }]);
    expect(undo.removeSteps.map((r) => r.offsetMs)).toEqual([100_001]);
    expect(undo.putSteps).toEqual([]);
    // A deadline moved and moved back inside one batch writes no step at all.
    const moved = s.add([
      { at: T + 200_001, delta: -1 },
      { at: T + 200_001, delta: 1 },
      { at: T + 300, delta: -1 },
      { at: T + 300, delta: 1 },
    ]);
    expect([moved.putSteps, moved.removeSteps, moved.put]).toEqual([[], [], []]);
  });
});
