import { toIso } from '@lic/domain';
import { BUCKET_MS, summarize, type UtilizationBucketRow } from '@lic/read-models';
import type { HourRange } from './time-range';

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

export interface HourFigures {
  readonly start: string;
  readonly peak: number;
  /** Time-weighted average of concurrent seats over the hour. */
  readonly average: number;
  readonly seat_ms: number;
}

/** One step of a step function: [milliseconds after its hour's start, seats gained or freed]. */
export type HourStep = readonly [offsetMs: number, delta: number];

/**
 * One license's step function for one holder kind: its level before the range, its rows in it,
 * and those hours' steps (utilization_steps) by bucket_start, each hour's by offset.
 */
export interface Member {
  readonly levelBefore: number;
  readonly rows: readonly UtilizationBucketRow[];
  readonly steps: ReadonlyMap<string, readonly HourStep[]>;
}

const figures = (start: number, peak: number, seatMs: number): HourFigures => ({
  start: toIso(start),
  peak,
  average: round(seatMs / BUCKET_MS),
  seat_ms: seatMs,
});

/**
 * One license needs no steps: each stored row holds the peak and seat-ms the projector
 * summarized from that hour's steps, and an hour without a row holds the level before it.
 */
const licenseHours = (range: HourRange, member: Member): HourFigures[] => {
  const byHour = new Map(member.rows.map((r) => [r.bucketStart, r]));
  let level = member.levelBefore;
  const out: HourFigures[] = [];
  for (let start = range.from; start < range.to; start += BUCKET_MS) {
    const row = byHour.get(toIso(start));
    out.push(
      row === undefined
        ? figures(start, level, level * BUCKET_MS)
        : figures(start, row.peak, row.seatMs),
    );
    level = row?.levelAtEnd ?? level;
  }
  return out;
};

/**
 * U1 over several licenses at once (a product, the fleet): the members' step functions added
 * together hour by hour — their levels at the hour's start summed, their steps merged in time
 * order — and summarized like one license's. So the peak is the true peak of concurrent seats,
 * not a sum of each license's peaks. An hour without a stored row holds the level the member's
 * previous row ended at. One member gives exactly that license's figures, from its rows alone
 * (its steps may be left out: loadMembers does not read them for one license).
 */
export const combineHours = (range: HourRange, members: readonly Member[]): HourFigures[] => {
  const only = members.length === 1 ? members[0] : undefined;
  if (only !== undefined) return licenseHours(range, only);
  const levels = members.map((m) => m.levelBefore);
  const byHour = members.map((m) => new Map(m.rows.map((r) => [r.bucketStart, r])));
  const out: HourFigures[] = [];
  for (let start = range.from; start < range.to; start += BUCKET_MS) {
    const key = toIso(start);
    let level = 0;
    const steps: HourStep[] = [];
    members.forEach((m, i) => {
      const row = byHour[i]?.get(key);
      if (row === undefined) {
        level += levels[i] ?? 0;
        return;
      }
      level += row.levelAtStart;
      for (const step of m.steps.get(key) ?? []) steps.push(step);
      levels[i] = row.levelAtEnd;
    });
    steps.sort((a, b) => a[0] - b[0]);
    const { peak, seatMs } = summarize(level, steps);
    out.push(figures(start, peak, seatMs));
  }
  return out;
};

/** A series' totals over its hours. */
export const seriesTotals = (hours: readonly HourFigures[], range: HourRange) => ({
  peak: hours.reduce((max, h) => Math.max(max, h.peak), 0),
  average: round(hours.reduce((sum, h) => sum + h.seat_ms, 0) / (range.to - range.from)),
});
