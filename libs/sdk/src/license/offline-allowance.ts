import { SdkCodes } from '../errors/license-error';
import type { LicenseStatus } from './license-status';

export const DAY_MS = 86_400_000;

export interface OfflineFacts {
  readonly status: LicenseStatus;
  /** When the status was first learned. */
  readonly statusSince: number;
  /** When the server last confirmed it online. */
  readonly confirmedAt: number;
  /** The status's offline allowance in days, as the server stated it. */
  readonly offlineDays: number;
  /** The cached token's `exp`. */
  readonly tokenExpiresAt: number;
}

export interface OfflineVerdict {
  readonly allowed: boolean;
  /** The instant the allowance ends (exclusive). */
  readonly until: number;
  /** Why not, when not allowed. */
  readonly code: string | null;
}

/**
 * O2: how long a machine may run on its cached token without reaching the server. The
 * allowance is counted from the last online confirmation — for a suspension, from when the
 * suspension was first learned, so asking again while suspended never extends it — and never
 * reaches past the token's own expiry. Revoked and expired licenses have none.
 */
export const offlineVerdict = (facts: OfflineFacts, now: number): OfflineVerdict => {
  const start = facts.status === 'suspended' ? facts.statusSince : facts.confirmedAt;
  const days = facts.status === 'revoked' || facts.status === 'expired' ? 0 : facts.offlineDays;
  const until = Math.min(start + Math.max(0, days) * DAY_MS, facts.tokenExpiresAt);
  if (now < until) return { allowed: true, until, code: null };
  const code =
    facts.status === 'revoked'
      ? 'LICENSE_REVOKED'
      : facts.status === 'expired'
        ? 'LICENSE_EXPIRED'
        : now >= facts.tokenExpiresAt && until === facts.tokenExpiresAt
          ? 'TOKEN_EXPIRED'
          : SdkCodes.OFFLINE_ALLOWANCE_EXCEEDED;
  return { allowed: false, until, code };
};
