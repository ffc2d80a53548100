import { LicenseError } from '../errors/license-error';
import { backoffDelay, type Backoff, type Random } from '../time/backoff';
import type { Scheduler } from '../time/scheduler';
import { sleep } from '../time/sleep';

export interface RetryPolicy extends Backoff {
  /** Attempts in all, the first included. */
  readonly attempts: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, baseMs: 250, maxMs: 4_000 };

export interface RetryContext {
  readonly scheduler: Scheduler;
  readonly random: Random;
  readonly policy: RetryPolicy;
  readonly signal?: AbortSignal;
  readonly onRetry?: (info: { attempt: number; delayMs: number; error: LicenseError }) => void;
}

/**
 * Runs `send` again, after a jittered back-off, while it fails with a transient error (no answer,
 * a 5xx, a key still in flight). `send` must resend the very same request — same body, same
 * Idempotency-Key — so that a retry after a lost answer replays instead of acting twice.
 */
export const withRetries = async <T>(context: RetryContext, send: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (e) {
      if (!(e instanceof LicenseError) || !e.transient || attempt >= context.policy.attempts) {
        throw e;
      }
      const delayMs = backoffDelay(attempt, context.policy, context.random);
      context.onRetry?.({ attempt, delayMs, error: e });
      await sleep(context.scheduler, delayMs, context.signal);
    }
  }
};

/** The retry context of a client's shared parts. */
export const retryContext = (
  parts: { readonly scheduler: Scheduler; readonly random: Random; readonly retry: RetryPolicy },
  signal?: AbortSignal,
): RetryContext => ({
  scheduler: parts.scheduler,
  random: parts.random,
  policy: parts.retry,
  ...(signal === undefined ? {} : { signal }),
});
