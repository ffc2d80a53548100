import type { LicenseStatusName } from '@lic/domain';
import type { LicenseRow } from '@lic/read-models';

/**
 * The license's status at `now` from its row, with the domain's precedence (statusAt): a
 * passed expiry deadline counts before LicenseExpired is recorded (O7).
 */
export const liveStatus = (
  row: Pick<LicenseRow, 'standing' | 'threat' | 'expiresAt' | 'expiredAt'>,
  nowIso: string,
): LicenseStatusName => {
  if (row.standing === 'revoked') return 'revoked';
  if (row.expiredAt !== null || (row.expiresAt !== null && row.expiresAt <= nowIso)) {
    return 'expired';
  }
  if (row.standing === 'suspended') return 'suspended';
  return row.threat === 'degraded' ? 'degraded' : 'active';
};
