import type { SdkContext } from '../context';
import { LicenseError, badResponse, untrusted } from '../errors/license-error';
import { isRecord } from '../http/error-body';
import { newIdempotencyKey } from '../http/idempotency-key';
import { retryContext, withRetries } from '../http/retrying';

export const CHECKIN_PATH = '/api/v1/license/floating/checkin';

/** Refusals of a checkin that mean the seat is free already. */
const ALREADY_ENDED: ReadonlySet<string> = new Set([
  'LEASE_EXPIRED',
  'LEASE_NOT_ACTIVE',
  'LEASE_NOT_FOUND',
]);

/**
 * F3 with F6: one Idempotency-Key for the checkin, reused by its retries, and a signed answer
 * that must be about this very lease. Resolves with the server's released_at — or null when the
 * lease had already ended (expired, released by an admin): the seat is free either way.
 */
export const checkin = async (
  ctx: SdkContext,
  lease: { readonly leaseToken: string; readonly licenseId: string },
): Promise<number | null> => {
  const key = newIdempotencyKey('checkin');
  let answer: unknown;
  try {
    answer = await withRetries(retryContext(ctx), () =>
      ctx.transport.post(
        CHECKIN_PATH,
        { lease_token: lease.leaseToken },
        { 'idempotency-key': key },
      ),
    );
  } catch (e) {
    if (e instanceof LicenseError && ALREADY_ENDED.has(e.code)) return null;
    throw e;
  }
  if (!isRecord(answer)) throw badResponse('the checkin answer is not an object');
  const payload = await ctx.verifier.envelope(answer, 'floating.checkin');
  if (payload.lease_token !== lease.leaseToken || payload.license_id !== lease.licenseId) {
    throw untrusted('the checkin envelope is about another lease');
  }
  return typeof payload.released_at === 'string' ? Date.parse(payload.released_at) : null;
};
