import { MINUTE } from '../shared/time';
import type { IssuedLicense } from './license.state';

/**
 * O5: /activate attempts counted in the sliding window (now − window, now]. An attempt made
 * exactly one window ago no longer counts. Rate-limited attempts are not counted, so a flood
 * cannot extend its own ban.
 */
export const attemptsInWindow = (s: IssuedLicense, now: number): number => {
  const window = s.policy.activationRateLimit.windowMinutes * MINUTE;
  return s.activationAttempts.filter((a) => a > now - window).length;
};

export const isRateLimited = (s: IssuedLicense, now: number): boolean =>
  attemptsInWindow(s, now) >= s.policy.activationRateLimit.maxAttempts;

/** O5: when the next /activate attempt will be counted again (for Retry-After). */
export const rateLimitResetsAt = (s: IssuedLicense, now: number): number => {
  const { maxAttempts, windowMinutes } = s.policy.activationRateLimit;
  const window = windowMinutes * MINUTE;
  const inWindow = s.activationAttempts.filter((a) => a > now - window);
  if (inWindow.length < maxAttempts) return now;
  return (inWindow[inWindow.length - maxAttempts] ?? now) + window;
};
