import type { LicenseError } from '../errors/license-error';
import type { LicenseStatus } from './license-status';

/** Who decided: the server just now, or this machine's cached token within its allowance. */
export type DecidedBy = 'online' | 'offline-allowance';

/**
 * The rule (../shared/DOMAIN.md) that decided: M1 activated, M2 no free machine slot, O2
 * offline allowance, O3 token refreshed or re-activated after expiry, O4 status checked
 * online, O5 rate limited, O7 license expired.
 */
export type RuleId = 'M1' | 'M2' | 'O2' | 'O3' | 'O4' | 'O5' | 'O7';

/** Something was wrong with the cache file; the check went on without it. */
export type CacheNotice = 'CACHE_FROM_ANOTHER_MACHINE' | 'CACHE_CORRUPT' | 'CACHE_NOT_WRITTEN';

/** The answer of checkLicense(): whether this program may run now, and why. */
export interface LicenseCheck {
  readonly allowed: boolean;
  /** The license's status as last learned; null if never learned. */
  readonly status: LicenseStatus | null;
  readonly decidedBy: DecidedBy;
  readonly rule: RuleId;
  /** The refusal's code (the server's, or an SdkCode); null when allowed. */
  readonly code: string | null;
  /** The machine token's expiry (ISO-8601, UTC), if there is a token. */
  readonly expiresAt: string | null;
  /** Until when (ISO-8601, UTC) the program may run without reaching the server (O2). */
  readonly offlineUntil: string | null;
  /** True when this check stored a new token (O3). */
  readonly refreshed: boolean;
  readonly licenseId: string | null;
  readonly activationId: string | null;
  readonly cacheNotice: CacheNotice | null;
  /** The error behind a refusal, or behind going offline. */
  readonly error: LicenseError | null;
}
