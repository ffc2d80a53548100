import type { SdkContext } from '../context';
import { LicenseError, badResponse, untrusted } from '../errors/license-error';
import { isRecord } from '../http/error-body';
import { newIdempotencyKey } from '../http/idempotency-key';
import { retryContext, withRetries } from '../http/retrying';
import { backoffDelay } from '../time/backoff';
import { sleep } from '../time/sleep';
import type { ExitHooks } from './exit-hooks';
import { Lease, type GrantedLease } from './lease';

export const CHECKOUT_PATH = '/api/v1/license/floating/checkout';

/** One wait for a seat, as reported to `onWait`. */
export interface SeatWait {
  readonly attempt: number;
  readonly delayMs: number;
  readonly waitedMs: number;
  readonly maxWaitMs: number;
  /** The server's seat figures, if it sent them ({ inUse, limit }). */
  readonly seats: unknown;
  readonly error: LicenseError;
}

export interface SeatWaitOptions {
  /** Give up (rethrowing SEATS_EXHAUSTED) once the next wait would pass this (default 15 min). */
  readonly maxWaitMs?: number;
  /** Back-off between tries: from baseMs, doubling, at most maxMs (default 1 s … 30 s). */
  readonly baseMs?: number;
  readonly maxMs?: number;
  readonly onWait?: (wait: SeatWait) => void;
}

export interface CheckoutOptions {
  /** With no free seat: wait with a bounded back-off (true, or options) instead of throwing. */
  readonly waitForSeat?: boolean | SeatWaitOptions;
  readonly signal?: AbortSignal;
}

const parseIso = (v: unknown, field: string): number => {
  const at = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(at)) throw untrusted(`the checkout envelope has no valid ${field}`);
  return at;
};

/** Trusts the checkout answer only as far as its signed envelope vouches for it (seed 001). */
const verifiedGrant = async (
  ctx: SdkContext,
  answer: unknown,
  requestedAt: number,
): Promise<GrantedLease> => {
  if (!isRecord(answer)) throw badResponse('the checkout answer is not an object');
  const payload = await ctx.verifier.envelope(answer, 'floating.checkout');
  if (payload.fingerprint !== ctx.fingerprint) {
    throw untrusted('the checkout envelope is for another machine');
  }
  if (typeof payload.lease_token !== 'string' || typeof payload.license_id !== 'string') {
    throw untrusted('the checkout envelope has no lease_token or license_id');
  }
  return {
    leaseToken: payload.lease_token,
    licenseId: payload.license_id,
    fingerprint: ctx.fingerprint,
    checkedOutAt: parseIso(payload.checked_out_at, 'checked_out_at'),
    expiresAt: parseIso(payload.lease_expires_at, 'lease_expires_at'),
    requestedAt,
  };
};

/**
 * F1 with F6: one Idempotency-Key for the whole logical checkout, reused by every retry — after
 * a lost answer the server replays the lease it granted instead of taking a second seat. With
 * `waitForSeat`, SEATS_EXHAUSTED is retried (same key: a refused request binds no key) after a
 * jittered, bounded back-off, each wait reported to `onWait`.
 */
export const checkout = async (
  ctx: SdkContext,
  hooks: ExitHooks | null,
  options: CheckoutOptions = {},
): Promise<Lease> => {
  const key = newIdempotencyKey('checkout');
  const wait = options.waitForSeat === true ? {} : options.waitForSeat || null;
  const maxWaitMs = wait?.maxWaitMs ?? 15 * 60_000;
  const backoff = { baseMs: wait?.baseMs ?? 1_000, maxMs: wait?.maxMs ?? 30_000 };
  const startedAt = ctx.clock.now();
  for (let attempt = 1; ; attempt++) {
    const requestedAt = ctx.clock.now();
    try {
      const answer = await withRetries(retryContext(ctx, options.signal), () =>
        ctx.transport.post(
          CHECKOUT_PATH,
          { fingerprint: ctx.fingerprint },
          { 'idempotency-key': key },
        ),
      );
      return new Lease(ctx, await verifiedGrant(ctx, answer, requestedAt), hooks);
    } catch (e) {
      if (!(e instanceof LicenseError) || e.code !== 'SEATS_EXHAUSTED' || wait === null) throw e;
      const delayMs = backoffDelay(attempt, backoff, ctx.random);
      const waitedMs = ctx.clock.now() - startedAt;
      if (waitedMs + delayMs > maxWaitMs) throw e;
      const seats = isRecord(e.details) ? e.details.seats : undefined;
      wait.onWait?.({ attempt, delayMs, waitedMs, maxWaitMs, seats, error: e });
      await sleep(ctx.scheduler, delayMs, options.signal);
    }
  }
};
