import type { LicenseStatusName, RefusalReason } from './license.events';
import type { IssuedLicense } from './license.state';

/** Highest first: a license with several of these conditions has the first one's status. */
const PRECEDENCE: readonly LicenseStatusName[] = [
  'revoked',
  'expired',
  'suspended',
  'degraded',
  'active',
];

/** Of two statuses, the one that takes precedence. */
export const higherStatus = (a: LicenseStatusName, b: LicenseStatusName): LicenseStatusName =>
  PRECEDENCE.indexOf(a) <= PRECEDENCE.indexOf(b) ? a : b;

/** The facts a status is derived from, however a side stores them. */
export interface StatusFacts {
  readonly standing: 'active' | 'suspended' | 'revoked';
  readonly threat: 'normal' | 'degraded';
  /** The license's expiry took effect: recorded, or its deadline passed. */
  readonly expired: boolean;
}

/** The one precedence of statuses: revoked, expired, suspended, degraded, active. */
export const statusOf = (f: StatusFacts): LicenseStatusName => {
  const held: LicenseStatusName[] = ['active'];
  if (f.standing !== 'active') held.push(f.standing);
  if (f.expired) held.push('expired');
  if (f.threat === 'degraded') held.push('degraded');
  return held.reduce(higherStatus);
};

/** O7: expiry takes effect at its deadline, whether or not LicenseExpired has been recorded. */
export const deadlinePassed = (expiresAt: number | null, now: number): boolean =>
  expiresAt !== null && now >= expiresAt;

/**
 * A status as recorded by events, at an instant: a passed expiry deadline counts (O7). This is
 * what a read model that stores the recorded status applies at query time.
 */
export const statusAfterDeadline = (
  recorded: LicenseStatusName,
  passed: boolean,
): LicenseStatusName => (passed ? higherStatus(recorded, 'expired') : recorded);

/** The license's status at an instant (see statusOf and deadlinePassed). */
export const statusAt = (s: IssuedLicense, now: number): LicenseStatusName =>
  statusOf({ standing: s.standing, threat: s.threat, expired: deadlinePassed(s.expiresAt, now) });

/**
 * Whether a license in this status still holds its seats: a revoked or expired one holds none
 * and counts towards no cap (the fleet's totals, utilization caps, the expiring-soon list).
 */
export const holdsSeats = (status: LicenseStatusName): boolean =>
  status !== 'revoked' && status !== 'expired';

/** Why a status forbids taking or renewing a seat, or null if it allows it. */
export const statusRefusal = (status: LicenseStatusName): RefusalReason | null => {
  switch (status) {
    case 'revoked':
      return 'LICENSE_REVOKED';
    case 'expired':
      return 'LICENSE_EXPIRED';
    case 'suspended':
      return 'LICENSE_SUSPENDED';
    default:
      return null;
  }
};
