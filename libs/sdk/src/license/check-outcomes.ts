import type { CacheRecord } from '../cache/cache-record';
import type { LicenseError } from '../errors/license-error';
import type { CacheNotice, LicenseCheck, RuleId } from './license-check';
import { statusOfRefusal } from './license-status';

/** The rule behind a refusal by the server. */
export const ruleOfRefusal = (code: string): RuleId =>
  code === 'SEATS_EXHAUSTED'
    ? 'M2'
    : code === 'RATE_LIMITED'
      ? 'O5'
      : code === 'LICENSE_EXPIRED'
        ? 'O7'
        : 'O4';

/** "Not allowed", as the server decided just now. */
export const refusal = (
  record: CacheRecord | null,
  notice: CacheNotice | null,
  error: LicenseError,
): LicenseCheck => ({
  allowed: false,
  status: record?.status ?? statusOfRefusal(error.code),
  decidedBy: 'online',
  rule: ruleOfRefusal(error.code),
  code: error.code,
  expiresAt: null,
  offlineUntil: null,
  refreshed: false,
  licenseId: record?.licenseId ?? null,
  activationId: record?.activationId ?? null,
  cacheNotice: notice,
  error,
});
