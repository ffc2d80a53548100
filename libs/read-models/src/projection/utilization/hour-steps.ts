/**
 * One hour of a step function: its steps as two parallel arrays sorted by offset (ms after
 * the hour's start), no delta zero, at most one step per offset. Two arrays of small integers
 * rather than an array of pairs: a busy license's hour holds tens of thousands of steps.
 */
export interface HourSteps {
  readonly offsets: number[];
  readonly deltas: number[];
}

export const noSteps = (): HourSteps => ({ offsets: [], deltas: [] });

/** The hour's steps from [offset, delta] pairs in any order (merged per offset, zeros dropped). */
export const stepsFrom = (pairs: Iterable<readonly [number, number]>): HourSteps => {
  const steps = noSteps();
  for (const [offset, delta] of pairs) addStep(steps, offset, delta);
  return steps;
};

/** Index of the first offset ≥ `offset`. */
const lowerBound = (offsets: readonly number[], offset: number): number => {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((offsets[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** The step's delta at `offset` (0: there is none). */
export const stepAt = ({ offsets, deltas }: HourSteps, offset: number): number => {
  const i = lowerBound(offsets, offset);
  return offsets[i] === offset ? (deltas[i] as number) : 0;
};

/**
 * Adds `delta` at `offset`, in place: merged with a step already there, which is removed if
 * the two cancel. Returns the step's delta at `offset` before (0: there was none).
 */
export const addStep = (steps: HourSteps, offset: number, delta: number): number => {
  const { offsets, deltas } = steps;
  const i = lowerBound(offsets, offset);
  if (offsets[i] === offset) {
    const before = deltas[i] as number;
    if (before + delta === 0) {
      offsets.splice(i, 1);
      deltas.splice(i, 1);
    } else deltas[i] = before + delta;
    return before;
  }
  if (delta !== 0 && i === offsets.length) {
    offsets.push(offset); // the usual case (steps come in time order): no copy
    deltas.push(delta);
  } else if (delta !== 0) {
    offsets.splice(i, 0, offset);
    deltas.splice(i, 0, delta);
  }
  return 0;
};
