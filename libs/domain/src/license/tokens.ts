import { DAY, toIso } from '../shared/time';
import type { LicenseStatusName, TokenGrant } from './license.events';
import type { OfflineDays } from '../product/policy';
import type { IssuedLicense } from './license.state';

/**
 * O2: how many days a client may run offline on a cached token, by license status:
 * active 30 days, degraded 1, suspended 3 (on a token it already holds), revoked and expired 0.
 */
export const offlineDays = (days: OfflineDays, status: LicenseStatusName): number => {
  switch (status) {
    case 'active':
      return days.active;
    case 'degraded':
      return days.degraded;
    case 'suspended':
      return days.suspended;
    default:
      return 0;
  }
};

/** O2 in milliseconds, for the license's policy. */
export const offlineAllowanceMs = (s: IssuedLicense, status: LicenseStatusName): number =>
  offlineDays(s.policy.offlineDays, status) * DAY;

/**
 * O3: a machine token's lifetime follows the status (threat level): 30 d active, 1 d degraded.
 * It never outlives the license itself.
 */
export const tokenExpiry = (s: IssuedLicense, status: LicenseStatusName, now: number): number => {
  const byStatus = now + offlineAllowanceMs(s, status);
  return s.expiresAt === null ? byStatus : Math.min(byStatus, s.expiresAt);
};

export const grantToken = (
  s: IssuedLicense,
  status: LicenseStatusName,
  now: number,
  tokenId: string,
  expiresAt: number = tokenExpiry(s, status, now),
): TokenGrant => ({ tokenId, issuedAt: toIso(now), expiresAt: toIso(expiresAt), status });

/**
 * O3: a token is returned as is until it reaches tokenRefreshAfterDays of a 30-day life (23 d),
 * the same fraction of a shorter life; from then until it expires, a new one is issued. A token
 * outliving what the current status allows (the threat level rose) is replaced at once.
 */
export type RefreshDecision = 'keep' | 'refresh-window' | 'status-changed';

export const refreshDecision = (
  s: IssuedLicense,
  status: LicenseStatusName,
  now: number,
  issuedAt: number,
  expiresAt: number,
): RefreshDecision => {
  if (expiresAt > tokenExpiry(s, status, now)) return 'status-changed';
  const activeDays = s.policy.offlineDays.active;
  const fraction = activeDays > 0 ? Math.min(1, s.policy.tokenRefreshAfterDays / activeDays) : 0;
  const refreshAt = issuedAt + (expiresAt - issuedAt) * fraction;
  return now >= refreshAt ? 'refresh-window' : 'keep';
};
