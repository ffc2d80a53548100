import { summarize, type UtilizationBucketRow } from '@lic/read-models';
import { combineHours, type HourStep, type Member } from './combine-hours';

const H = 3_600_000;
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** One stored hour: its row and its steps (utilization_steps). */
interface Hour {
  readonly row: UtilizationBucketRow;
  readonly steps: readonly HourStep[];
}
const hour = (licenseId: string, h: number, levelAtStart: number, steps: HourStep[]): Hour => ({
  row: {
    licenseId,
    holderKind: 'lease',
    bucketStart: iso(T0 + h * H),
    levelAtStart,
    levelAtEnd: steps.reduce((l, [, d]) => l + d, levelAtStart),
    peak: 0,
    seatMs: 0,
  },
  steps,
});
const member = (levelBefore: number, hours: readonly Hour[]): Member => ({
  levelBefore,
  rows: hours.map((h) => h.row),
  steps: new Map(hours.map((h) => [h.row.bucketStart, h.steps])),
});

describe('fleet utilization', () => {
  it('U1: licenses add up as one step function: the true peak, not the sum of peaks', () => {
    // a holds a seat 09:00-09:30, b 09:30-10:00: never two at once.
    const a = member(0, [
      hour('a', 0, 0, [
        [0, 1],
        [30 * 60_000, -1],
      ]),
    ]);
    const b = member(0, [hour('b', 0, 0, [[30 * 60_000, 1]]), hour('b', 1, 1, [[0, -1]])]);
    const hours = combineHours({ from: T0, to: T0 + 2 * H }, [a, b]);
    expect(hours).toEqual([
      { start: iso(T0), peak: 1, average: 1, seat_ms: H },
      { start: iso(T0 + H), peak: 0, average: 0, seat_ms: 0 },
    ]);
  });

  it('U1: an hour without a row holds the level the previous one ended at', () => {
    const a = member(2, []);
    const b = member(0, [hour('b', 1, 0, [[15 * 60_000, 1]])]);
    const hours = combineHours({ from: T0, to: T0 + 3 * H }, [a, b]);
    expect(hours.map((h) => [h.peak, h.average])).toEqual([
      [2, 2],
      [3, 2.75],
      [3, 3],
    ]);
  });

  it('U1: one license’s hours are its rows’ own figures, its steps unread, as its steps give them', () => {
    // Rows summarized as the projector does; 11:00 has no row and holds 10:00's end level.
    const summarized = (h: number, levelAtStart: number, steps: HourStep[]): Hour => {
      const { peak, seatMs, levelAtEnd } = summarize(levelAtStart, steps);
      const { row } = hour('a', h, levelAtStart, steps);
      return { row: { ...row, peak, seatMs, levelAtEnd }, steps };
    };
    const hours = [
      summarized(0, 1, [
        [10 * 60_000, 2],
        [40 * 60_000, -1],
      ]),
      summarized(1, 2, [[20 * 60_000, -1]]),
      summarized(3, 1, [[30 * 60_000, 1]]),
    ];
    const range = { from: T0, to: T0 + 4 * H };
    const withSteps = member(1, hours);
    const rowsOnly: Member = { ...withSteps, steps: new Map() };
    const nobody = member(0, []);
    // The general fold over the steps (a second member holding no seat) gives the same hours.
    expect(combineHours(range, [rowsOnly])).toEqual(combineHours(range, [withSteps, nobody]));
    expect(combineHours(range, [rowsOnly]).map((h) => [h.peak, h.seat_ms / 60_000])).toEqual([
      [3, 10 + 3 * 30 + 2 * 20],
      [2, 2 * 20 + 40],
      [1, 60],
      [2, 30 + 2 * 30],
    ]);
  });
});
