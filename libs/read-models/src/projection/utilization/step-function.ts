import { fromIso, toIso } from '@lic/domain';
import type { HolderKind, UtilizationBucketRow, UtilizationStepRow } from '../../schema/entities';
import { BUCKET_MS, bucketStartOf } from './buckets';
import { addStep, noSteps, stepAt, type HourSteps } from './hour-steps';

export interface Step {
  /** Epoch ms. */
  readonly at: number;
  readonly delta: number;
}

export interface Rebucketed {
  readonly put: UtilizationBucketRow[];
  readonly remove: UtilizationBucketRow[];
  /** Steps whose total changed (the new total), and steps that now cancel out. */
  readonly putSteps: UtilizationStepRow[];
  readonly removeSteps: UtilizationStepRow[];
  /** The steps of every hour the batch touched, after it, by bucket_start. */
  readonly hours: Map<string, HourSteps>;
}

/**
 * The hour's figures from the level it starts at and its steps: peak and seat-ms over
 * [start, start + 1h), each step taking effect at its instant (a holder ending at t and one
 * starting at t never overlap).
 */
export const summarizeSteps = (levelAtStart: number, { offsets, deltas }: HourSteps) => {
  let level = levelAtStart;
  let from = 0;
  let peak = Number.NEGATIVE_INFINITY;
  let seatMs = 0;
  for (let i = 0; i < offsets.length; i++) {
    const offset = offsets[i] as number;
    if (offset > from) {
      if (level > peak) peak = level;
      seatMs += level * (offset - from);
    }
    level += deltas[i] as number;
    from = offset;
  }
  peak = Math.max(peak, level);
  seatMs += level * (BUCKET_MS - from);
  return { peak, seatMs, levelAtEnd: level };
};

/** summarizeSteps over [offset, delta] pairs sorted by offset. */
export const summarize = (levelAtStart: number, steps: readonly (readonly [number, number])[]) =>
  summarizeSteps(levelAtStart, {
    offsets: steps.map(([offset]) => offset),
    deltas: steps.map(([, delta]) => delta),
  });

const sameRow = (a: UtilizationBucketRow, b: UtilizationBucketRow): boolean =>
  a.levelAtStart === b.levelAtStart &&
  a.levelAtEnd === b.levelAtEnd &&
  a.peak === b.peak &&
  a.seatMs === b.seatMs;

/**
 * A row whose hour gained no step but whose starting level moved by `shift` (steps added in
 * an earlier hour): every level inside it moves by as much, so its figures do too.
 */
const shifted = (row: UtilizationBucketRow, shift: number): UtilizationBucketRow => ({
  ...row,
  levelAtStart: row.levelAtStart + shift,
  levelAtEnd: row.levelAtEnd + shift,
  peak: row.peak + shift,
  seatMs: row.seatMs + shift * BUCKET_MS,
});

/**
 * U1: adds steps to one license's step function for one holder kind and recomputes the hours
 * from the earliest one touched. `editable` must hold every stored row from that hour on,
 * `base` the level just before it, and `stepsOf` the stored steps of every row whose hour a
 * step falls in (an hour without a row has none); those are changed in place, so a caller that
 * keeps them (the projection cache) must drop them if the batch fails, as it drops every row it
 * keeps. Hours the batch touched are summarized from their steps; later rows only shift. The
 * rows and steps that result depend only on the steps ever added, never on how they were
 * batched: a replay writes the same rows. The work is the batch's steps plus one pass over each
 * hour they touch — never a rewrite of a whole hour.
 */
export const rebucket = (
  licenseId: string,
  holderKind: HolderKind,
  base: number,
  editable: readonly UtilizationBucketRow[],
  stepsOf: ReadonlyMap<string, HourSteps>,
  steps: readonly Step[],
): Rebucketed => {
  const stored = new Map(editable.map((row) => [fromIso(row.bucketStart), row]));
  /** Per touched hour: its steps, and each offset touched with its step before the batch. */
  const hours = new Map<number, Touched>();
  for (const { at, delta } of steps) {
    const start = bucketStartOf(at);
    let hour = hours.get(start);
    if (hour === undefined) {
      const row = stored.get(start);
      const known = row === undefined ? noSteps() : stepsOf.get(row.bucketStart);
      if (known === undefined) throw new Error(`the steps of ${row?.bucketStart} are not loaded`);
      hour = { steps: known, before: new Map() };
      hours.set(start, hour);
    }
    const before = addStep(hour.steps, at - start, delta);
    if (!hour.before.has(at - start)) hour.before.set(at - start, before);
  }

  const put: UtilizationBucketRow[] = [];
  const remove: UtilizationBucketRow[] = [];
  let level = base;
  for (const start of [...new Set([...stored.keys(), ...hours.keys()])].sort((a, b) => a - b)) {
    const before = stored.get(start);
    const hour = hours.get(start)?.steps;
    if (hour === undefined) {
      const row = before as UtilizationBucketRow; // every key is a row's or a touched hour's
      const shift = level - row.levelAtStart;
      if (shift !== 0) put.push(shifted(row, shift));
      level = row.levelAtEnd + shift;
      continue;
    }
    if (hour.offsets.length === 0) {
      if (before) remove.push(before);
      continue;
    }
    const { peak, seatMs, levelAtEnd } = summarizeSteps(level, hour);
    const row: UtilizationBucketRow = {
      licenseId,
      holderKind,
      bucketStart: toIso(start),
      levelAtStart: level,
      levelAtEnd,
      peak,
      seatMs,
    };
    if (!before || !sameRow(before, row)) put.push(row);
    level = levelAtEnd;
  }
  return { put, remove, ...stepWrites(licenseId, holderKind, hours) };
};

interface Touched {
  readonly steps: HourSteps;
  readonly before: Map<number, number>;
}

/** The step rows a batch writes: each offset whose step it changed, at its new total or gone. */
const stepWrites = (
  licenseId: string,
  holderKind: HolderKind,
  hours: ReadonlyMap<number, Touched>,
) => {
  const putSteps: UtilizationStepRow[] = [];
  const removeSteps: UtilizationStepRow[] = [];
  const byStart = new Map<string, HourSteps>();
  for (const [start, hour] of hours) {
    const bucketStart = toIso(start);
    byStart.set(bucketStart, hour.steps);
    for (const [offsetMs, before] of [...hour.before].sort((a, b) => a[0] - b[0])) {
      const delta = stepAt(hour.steps, offsetMs);
      if (delta === before) continue; // moved and moved back within the batch (a heartbeat's)
      const step = { licenseId, holderKind, bucketStart, offsetMs, delta };
      (delta === 0 ? removeSteps : putSteps).push(step);
    }
  }
  return { putSteps, removeSteps, hours: byStart };
};
