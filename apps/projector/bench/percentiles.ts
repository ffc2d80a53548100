/** The q-quantile (0..1) of `xs` by the nearest-rank method; NaN when empty. */
export const percentile = (xs: readonly number[], q: number): number => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1] as number;
};
