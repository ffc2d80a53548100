import type { LicenseStatusName, RefusalReason } from './license.events';
import type { IssuedLicense } from './license.state';

/**
 * The license's status at an instant. Expiry takes effect at its deadline (O7) whether or not
 * LicenseExpired has been recorded yet. Precedence: revoked, expired, suspended, degraded, active.
 */
export const statusAt = (s: IssuedLicense, now: number): LicenseStatusName => {
  if (s.standing === 'revoked') return 'revoked';
  if (s.expiresAt !== null && now >= s.expiresAt) return 'expired';
  if (s.standing === 'suspended') return 'suspended';
  if (s.threat === 'degraded') return 'degraded';
  return 'active';
};

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
