import { randomUUID } from 'node:crypto';

/**
 * One key per logical request (one checkout, one checkin), made of 122 random bits, and reused
 * on every retry of that request: a retried checkout never takes a second seat (F6).
 */
export const newIdempotencyKey = (operation: 'checkout' | 'checkin'): string =>
  `sdk-${operation}-${randomUUID()}`;
