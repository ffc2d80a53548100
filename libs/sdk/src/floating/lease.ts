import { EventEmitter } from 'node:events';
import type { SdkContext } from '../context';
import { LicenseError, SdkCodes, badResponse } from '../errors/license-error';
import { isRecord } from '../http/error-body';
import type { Cancel } from '../time/scheduler';
import { checkin } from './checkin';
import type { ExitHooks } from './exit-hooks';
import { heartbeatDelay, heartbeatRetryDelay } from './heartbeat-timing';
import { lossReason } from './loss-reason';
import { isoOf, isoOrNull } from '../time/instant';

export const HEARTBEAT_PATH = '/api/v1/license/floating/heartbeat';

export type LeaseState = 'active' | 'releasing' | 'released' | 'lost';

/** Why the program no longer holds its seat: LEASE_EXPIRED, LICENSE_REVOKED, … */
export interface LeaseLost {
  readonly reason: string;
  readonly error: LicenseError;
}

export interface LeaseEvents {
  /** The server's new lease_expires_at (ISO-8601). */
  heartbeat: [{ readonly expiresAt: string }];
  retry: [{ readonly attempt: number; readonly delayMs: number; readonly error: LicenseError }];
  lost: [LeaseLost];
  /** When the server freed the seat (ISO-8601), if its answer said. */
  released: [{ readonly releasedAt: string | null }];
}

/** A checkout's signed grant, and when (on this machine's clock) it was asked for. */
export interface GrantedLease {
  readonly leaseToken: string;
  readonly licenseId: string;
  readonly fingerprint: string;
  readonly checkedOutAt: number;
  readonly expiresAt: number;
  /** Local time the granting request was sent: the lease cannot have started earlier. */
  readonly requestedAt: number;
}

/** Refusals of a heartbeat worth another try while the lease lives. */
const retryable = (e: LicenseError): boolean =>
  e.transient || e.code === 'RATE_LIMITED' || e.code === SdkCodes.BAD_RESPONSE;

const asLicenseError = (e: unknown): LicenseError =>
  e instanceof LicenseError
    ? e
    : new LicenseError({ code: SdkCodes.BAD_RESPONSE, message: String(e), cause: e });

/**
 * A floating seat (F1–F3) that keeps itself alive: it heartbeats at a third of the remaining
 * time, retries failed heartbeats with jittered back-off while the lease is still valid, and
 * reports the loss of the seat ('lost', with the reason). release() checks it in.
 *
 * The lease's deadline is kept on this machine's clock — request time plus the lease's
 * timeout — so a clock skew between machine and server cannot make it beat too late.
 */
export class Lease extends EventEmitter<LeaseEvents> {
  readonly leaseToken: string;
  readonly licenseId: string;
  readonly fingerprint: string;
  /** When the server granted the lease (ISO-8601). */
  readonly checkedOutAt: string;
  /** The server's lease timeout (F5), from the checkout's own figures. */
  readonly timeoutMs: number;

  private serverExpiresAt: number;
  private localDeadline: number;
  private status: LeaseState = 'active';
  private cancelNext: Cancel = () => {};
  private nextAt: number | null = null;
  private failures = 0;
  private lostWith: LeaseLost | null = null;
  private releasing: Promise<void> | null = null;
  private readonly unhook: () => void;

  constructor(
    private readonly ctx: SdkContext,
    granted: GrantedLease,
    hooks: ExitHooks | null,
  ) {
    super();
    this.leaseToken = granted.leaseToken;
    this.licenseId = granted.licenseId;
    this.fingerprint = granted.fingerprint;
    this.checkedOutAt = isoOf(granted.checkedOutAt);
    this.serverExpiresAt = granted.expiresAt;
    this.timeoutMs = Math.max(0, granted.expiresAt - granted.checkedOutAt);
    this.localDeadline = granted.requestedAt + this.timeoutMs;
    this.unhook = hooks?.add(this) ?? (() => {});
    this.schedule(heartbeatDelay(this.localDeadline - ctx.clock.now()));
  }

  get state(): LeaseState {
    return this.status;
  }

  /** The server's lease_expires_at, as of the last checkout or heartbeat (ISO-8601). */
  get expiresAt(): string {
    return isoOf(this.serverExpiresAt);
  }

  /** When the lease must have beaten by, on this machine's clock (ISO-8601). */
  get deadline(): string {
    return isoOf(this.localDeadline);
  }

  /** When the next heartbeat (or retry) is due (ISO-8601), or null if none is scheduled. */
  get nextHeartbeatAt(): string | null {
    return isoOrNull(this.nextAt);
  }

  get lost(): LeaseLost | null {
    return this.lostWith;
  }

  /** Registers `listener` for the loss of the seat; returns a function that removes it. */
  onLost(listener: (lost: LeaseLost) => void): () => void {
    this.on('lost', listener);
    return () => this.off('lost', listener);
  }

  /**
   * Checks the seat in (F3), retrying with the same Idempotency-Key, and verifies the signed
   * answer. A lease already lost resolves at once. If the checkin fails (no answer after the
   * retries, an unverifiable answer), the lease counts as lost and the error is thrown: the
   * seat then frees itself at the lease timeout (F5).
   */
  release(): Promise<void> {
    if (this.status === 'lost' || this.status === 'released') return Promise.resolve();
    this.releasing ??= this.checkin();
    return this.releasing;
  }

  private schedule(delayMs: number): void {
    this.cancelNext();
    this.nextAt = this.ctx.clock.now() + delayMs;
    this.cancelNext = this.ctx.scheduler.after(delayMs, () => this.beat(), { background: true });
  }

  private async beat(): Promise<void> {
    this.nextAt = null;
    if (this.status !== 'active') return;
    if (this.ctx.clock.now() >= this.localDeadline) return this.expired(null);
    const sentAt = this.ctx.clock.now();
    let expiresAt: number;
    try {
      const answer = await this.ctx.transport.post(HEARTBEAT_PATH, {
        lease_token: this.leaseToken,
      });
      const at =
        isRecord(answer) && typeof answer.lease_expires_at === 'string'
          ? Date.parse(answer.lease_expires_at)
          : Number.NaN;
      if (Number.isNaN(at) || !isRecord(answer) || answer.lease_token !== this.leaseToken) {
        throw badResponse('the heartbeat answer lacks lease_token or lease_expires_at');
      }
      expiresAt = at;
    } catch (e) {
      if (this.status !== 'active') return;
      const error = asLicenseError(e);
      if (!retryable(error)) return this.lose(error);
      if (this.ctx.clock.now() >= this.localDeadline) return this.expired(error);
      this.failures++;
      const delayMs = heartbeatRetryDelay(
        this.failures,
        this.localDeadline - this.ctx.clock.now(),
        this.ctx.random,
        error.retryAfter,
      );
      this.emit('retry', { attempt: this.failures, delayMs, error });
      return this.schedule(delayMs);
    }
    if (this.status !== 'active') return;
    this.failures = 0;
    this.serverExpiresAt = expiresAt;
    this.localDeadline = sentAt + this.timeoutMs;
    this.emit('heartbeat', { expiresAt: isoOf(expiresAt) });
    this.schedule(heartbeatDelay(this.localDeadline - this.ctx.clock.now()));
  }

  private expired(cause: LicenseError | null): void {
    this.lose(
      new LicenseError({
        code: 'LEASE_EXPIRED',
        message: 'no heartbeat reached the server before the lease timed out (F5)',
        cause: cause ?? undefined,
      }),
    );
  }

  private lose(error: LicenseError): void {
    if (this.status === 'lost' || this.status === 'released') return;
    this.status = 'lost';
    this.cancelNext();
    this.nextAt = null;
    this.unhook();
    this.lostWith = { reason: lossReason(error), error };
    this.emit('lost', this.lostWith);
  }

  private async checkin(): Promise<void> {
    this.status = 'releasing';
    this.cancelNext();
    this.nextAt = null;
    let releasedAt: number | null;
    try {
      releasedAt = await checkin(this.ctx, this);
    } catch (e) {
      const error = asLicenseError(e);
      this.lose(error);
      throw error;
    }
    this.status = 'released';
    this.unhook();
    this.emit('released', { releasedAt: isoOrNull(releasedAt) });
  }
}
