import type { CacheRecord } from '../cache/cache-record';
import type { SdkContext } from '../context';
import { LicenseError, SdkCodes } from '../errors/license-error';
import { isRecord } from '../http/error-body';
import { refusal } from './check-outcomes';
import type { CacheNotice, LicenseCheck, RuleId } from './license-check';
import type { RecordStore } from './record-store';
import { defaultOfflineDays, statusOfRefusal, type LicenseStatus } from './license-status';
import { offlineVerdict } from './offline-allowance';
import { acceptTokenAnswer, type AcceptedToken } from './token-answer';
import { isoOf, isoOrNull } from '../time/instant';

/** Refusals of /validate that a fresh activation answers (O3: an expired token re-activates). */
const REACTIVATE: ReadonlySet<string> = new Set([
  'TOKEN_EXPIRED',
  'ACTIVATION_NOT_FOUND',
  'INVALID_TOKEN',
  'FINGERPRINT_MISMATCH',
]);

/**
 * checkLicense(): activate on first use (M1), then validate online on every call (O4), storing
 * a refreshed token (O3); with no answer from the server, fall back on the cached token within
 * its status's offline allowance (O2). One check at a time.
 */
export class MachineLicense {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: SdkContext,
    private readonly records: RecordStore,
    private readonly country?: string,
  ) {}

  check(): Promise<LicenseCheck> {
    const run = this.queue.then(() => this.checkNow());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** M3: gives this machine's slot back and forgets the token. */
  async deactivate(): Promise<void> {
    await this.ctx.transport.post('/api/v1/deactivate', { fingerprint: this.ctx.fingerprint });
    await this.records.clear();
  }

  private async checkNow(): Promise<LicenseCheck> {
    const { record, notice } = await this.records.load();
    if (record === null) return this.activate(null, notice, null);
    let answer: unknown;
    try {
      answer = await this.ctx.transport.post('/api/v1/validate', {
        token: record.token,
        fingerprint: this.ctx.fingerprint,
      });
    } catch (e) {
      if (!(e instanceof LicenseError)) throw e;
      if (e.offline) return this.offline(record, notice, e);
      if (REACTIVATE.has(e.code)) return this.activate(record, notice, e);
      const status = statusOfRefusal(e.code);
      if (status !== null) return this.refusedWithStatus(record, status, notice, e);
      return this.refused(record, notice, e);
    }
    const accepted = await acceptTokenAnswer(this.ctx, answer, record.licenseId);
    return this.granted(accepted, record, notice, accepted.refreshed ? 'O3' : 'O4');
  }

  private async activate(
    previous: CacheRecord | null,
    notice: CacheNotice | null,
    cause: LicenseError | null,
  ): Promise<LicenseCheck> {
    let answer: unknown;
    try {
      answer = await this.ctx.transport.post('/api/v1/activate', {
        fingerprint: this.ctx.fingerprint,
        ...(this.ctx.machineName === null ? {} : { hostname: this.ctx.machineName }),
        ...(this.country === undefined ? {} : { country: this.country }),
      });
    } catch (e) {
      if (!(e instanceof LicenseError)) throw e;
      if (e.offline) {
        return previous === null ? this.noToken(notice, e) : this.offline(previous, notice, e);
      }
      const status = statusOfRefusal(e.code);
      if (status !== null && previous !== null) {
        return this.refusedWithStatus(previous, status, notice, e);
      }
      return this.refused(previous, notice, e);
    }
    const accepted = await acceptTokenAnswer(this.ctx, answer, previous?.licenseId ?? null);
    const rule: RuleId = cause?.code === 'TOKEN_EXPIRED' ? 'O3' : 'M1';
    return this.granted({ ...accepted, refreshed: true }, previous, notice, rule);
  }

  private async granted(
    accepted: AcceptedToken,
    previous: CacheRecord | null,
    notice: CacheNotice | null,
    rule: RuleId,
  ): Promise<LicenseCheck> {
    const now = this.ctx.clock.now();
    const record: CacheRecord = {
      v: 1,
      serverUrl: this.ctx.transport.origin,
      keyId: this.records.keyId,
      licenseId: accepted.licenseId,
      activationId: accepted.activationId,
      token: accepted.token,
      status: accepted.status,
      statusSince: previous?.status === accepted.status ? previous.statusSince : now,
      confirmedAt: now,
      offlineDays: accepted.offlineDays,
      jwks: this.ctx.jwks.current,
    };
    const written = await this.records.save(record);
    const verdict = offlineVerdict({ ...record, tokenExpiresAt: accepted.expiresAt }, now);
    return {
      allowed: true,
      status: accepted.status,
      decidedBy: 'online',
      rule,
      code: null,
      expiresAt: isoOf(accepted.expiresAt),
      offlineUntil: isoOrNull(verdict.until),
      refreshed: accepted.refreshed,
      licenseId: accepted.licenseId,
      activationId: accepted.activationId,
      cacheNotice: written ? notice : 'CACHE_NOT_WRITTEN',
      error: null,
    };
  }

  /** O4: refused online for its status; the status and its offline grace are remembered. */
  private async refusedWithStatus(
    record: CacheRecord,
    status: LicenseStatus,
    notice: CacheNotice | null,
    error: LicenseError,
  ): Promise<LicenseCheck> {
    const now = this.ctx.clock.now();
    const details = isRecord(error.details) ? error.details : {};
    const grace =
      typeof details.offline_grace_days === 'number'
        ? details.offline_grace_days
        : defaultOfflineDays[status];
    const updated: CacheRecord = {
      ...record,
      status,
      statusSince: record.status === status ? record.statusSince : now,
      confirmedAt: now,
      offlineDays: grace,
      jwks: this.ctx.jwks.current ?? record.jwks,
    };
    const written = await this.records.save(updated);
    const expiresAt = await this.tokenExpiry(updated);
    const verdict = offlineVerdict({ ...updated, tokenExpiresAt: expiresAt ?? now }, now);
    return {
      ...refusal(updated, written ? notice : 'CACHE_NOT_WRITTEN', error),
      status,
      expiresAt: isoOrNull(expiresAt),
      offlineUntil: verdict.allowed ? isoOrNull(verdict.until) : null,
    };
  }

  private async refused(
    record: CacheRecord | null,
    notice: CacheNotice | null,
    error: LicenseError,
  ): Promise<LicenseCheck> {
    return {
      ...refusal(record, notice, error),
      expiresAt: record === null ? null : isoOrNull(await this.tokenExpiry(record)),
    };
  }

  /** O2: no answer; the cached token decides, within its status's allowance. */
  private async offline(
    record: CacheRecord,
    notice: CacheNotice | null,
    cause: LicenseError,
  ): Promise<LicenseCheck> {
    const now = this.ctx.clock.now();
    const base = {
      status: record.status,
      decidedBy: 'offline-allowance' as const,
      rule: 'O2' as const,
      refreshed: false,
      licenseId: record.licenseId,
      activationId: record.activationId,
      cacheNotice: notice,
      error: cause,
    };
    let expiresAt: number;
    try {
      const verified = await this.ctx.verifier.machineToken(
        record.token,
        {
          fingerprint: this.ctx.fingerprint,
          licenseId: record.licenseId,
          activationId: record.activationId,
        },
        { offline: true },
      );
      expiresAt = verified.claims.expiresAt;
    } catch (e) {
      if (!(e instanceof LicenseError)) throw e;
      return { ...base, allowed: false, code: e.code, expiresAt: null, offlineUntil: null };
    }
    const verdict = offlineVerdict({ ...record, tokenExpiresAt: expiresAt }, now);
    return {
      ...base,
      allowed: verdict.allowed,
      code: verdict.code,
      expiresAt: isoOf(expiresAt),
      offlineUntil: isoOrNull(verdict.until),
    };
  }

  private noToken(notice: CacheNotice | null, cause: LicenseError): LicenseCheck {
    return {
      ...refusal(null, notice, cause),
      decidedBy: 'offline-allowance',
      rule: 'O2',
      code: SdkCodes.NO_CACHED_TOKEN,
    };
  }

  /** The cached token's expiry, if it still verifies with the keys at hand. */
  private async tokenExpiry(record: CacheRecord): Promise<number | null> {
    try {
      const verified = await this.ctx.verifier.machineToken(
        record.token,
        { fingerprint: this.ctx.fingerprint, licenseId: record.licenseId },
        { offline: true },
      );
      return verified.claims.expiresAt;
    } catch {
      return null;
    }
  }
}
