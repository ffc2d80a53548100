// What the store benches share: their percentile, the rounds and median of the busy-license
// case, and the bulk append that seeds long streams.

/** The q-quantile (0..1) of `xs`, by index floor(n·q); NaN when empty. */
export const percentile = (xs: readonly number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
};

/** `times` cut into `rounds` contiguous blocks of (nearly) equal length, in order. */
export const roundsOf = (times: readonly number[], rounds: number): number[][] => {
  const n = Math.max(1, Math.min(rounds, times.length));
  return Array.from({ length: n }, (_, r) =>
    times.slice(Math.floor((r * times.length) / n), Math.floor(((r + 1) * times.length) / n)),
  );
};

/** The middle value (the mean of the two middle ones for an even count); NaN when empty. */
export const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  if (sorted.length === 0) return NaN;
  return Number.isInteger(mid)
    ? ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
    : (sorted[Math.floor(mid)] as number);
};

export { appendBulk } from '../src/testing/busy-history';
