// What the store benches share: their percentile and the bulk append that seeds long streams.

/** The q-quantile (0..1) of `xs`, by index floor(n·q); NaN when empty. */
export const percentile = (xs: readonly number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
};

export { appendBulk } from '../src/testing/busy-history';
