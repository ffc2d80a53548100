/** Exponential back-off: `baseMs`, doubling per attempt, never above `maxMs`. */
export interface Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** A number in [0, 1): Math.random by default, injectable for deterministic tests. */
export type Random = () => number;

/**
 * "Equal jitter": half of the ceiling fixed, half random, so that clients that failed together
 * do not all come back at the same instant, yet none comes back at once. `attempt` counts from 1.
 */
export const backoffDelay = (attempt: number, backoff: Backoff, random: Random): number => {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
};
