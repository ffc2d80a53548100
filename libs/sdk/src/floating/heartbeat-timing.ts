import { backoffDelay, type Random } from '../time/backoff';

/**
 * Seed 001's common mistake is a heartbeat "too close to lease_expires_at". A lease beats when a
 * third of its remaining time has passed: with the default 15-minute timeout, every 5 minutes,
 * leaving 10 minutes — two more tries' worth — before the seat could be lost.
 */
export const HEARTBEAT_FRACTION = 1 / 3;

export const heartbeatDelay = (remainingMs: number): number =>
  Math.max(0, Math.floor(remainingMs * HEARTBEAT_FRACTION));

const RETRY_BACKOFF = { baseMs: 1_000, maxMs: 60_000 };
const MIN_RETRY_MS = 250;

/**
 * After a failed heartbeat: a jittered exponential back-off (honouring Retry-After), but never
 * sleeping through more than a quarter of the time the lease has left, so that it keeps trying
 * while the lease is still valid.
 */
export const heartbeatRetryDelay = (
  failures: number,
  remainingMs: number,
  random: Random,
  retryAfterSeconds?: number,
): number => {
  const backoff = backoffDelay(failures, RETRY_BACKOFF, random);
  const wanted =
    retryAfterSeconds === undefined ? backoff : Math.max(backoff, retryAfterSeconds * 1000);
  return Math.max(MIN_RETRY_MS, Math.min(wanted, Math.floor(remainingMs / 4)));
};
