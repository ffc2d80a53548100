import type { ErrorCode } from '../shared/errors';
import type { LicenseCommand } from '../license/license.commands';
import type { RefusalReason } from '../license/license.events';
import type { Norm } from './seat-normal';
import type { SeatModel } from './seat-model';

/** What the rules of DOMAIN.md say a command must decide, worked out from the model alone. */
export type Expected =
  /** Nothing recorded; the decision fails with one of these codes. */
  | { readonly kind: 'error'; readonly codes: readonly ErrorCode[] }
  /** F6: an idempotent replay — nothing recorded, the key keeps its outcome. */
  | { readonly kind: 'replay'; readonly key: string }
  /** These events (in any order), after the expiries already due. */
  | { readonly kind: 'events'; readonly events: readonly Norm[] }
  /** U2: a refusal; recorded as `event`, or (if `suppressed`, O5) an error with its reason. */
  | {
      readonly kind: 'refusal';
      readonly event: Norm;
      readonly reason: RefusalReason;
      readonly suppressed: boolean;
    };

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const error = (...codes: ErrorCode[]): Expected => ({ kind: 'error', codes });
export const events = (...list: Norm[]): Expected => ({ kind: 'events', events: list });

/** An ended holder's record is kept for the retention window; after it, it may be forgotten. */
const goneCodes = (
  m: SeatModel,
  ended: { how: 'timeout' | 'other'; at: number } | undefined,
  now: number,
  codes: { missing: ErrorCode; expired: ErrorCode; ended: ErrorCode },
): ErrorCode[] => {
  if (!ended) return [codes.missing];
  const code = ended.how === 'timeout' ? codes.expired : codes.ended;
  const forgettable = now - ended.at >= m.policy.idempotencyRetentionHours * HOUR;
  return forgettable ? [code, codes.missing] : [code];
};

export const leaseGone = (m: SeatModel, id: string, now: number): ErrorCode[] | null => {
  const lease = m.leases.get(id);
  if (lease) return now < lease.expiresAt ? null : ['LEASE_EXPIRED'];
  return goneCodes(m, m.endedLeases.get(id), now, {
    missing: 'LEASE_NOT_FOUND',
    expired: 'LEASE_EXPIRED',
    ended: 'LEASE_NOT_ACTIVE',
  });
};

export const sessionGone = (m: SeatModel, id: string, now: number): ErrorCode[] | null => {
  const x = m.sessions.get(id);
  if (x) return now < x.expiresAt ? null : ['SESSION_EXPIRED'];
  return goneCodes(m, m.endedSessions.get(id), now, {
    missing: 'SESSION_NOT_FOUND',
    expired: 'SESSION_EXPIRED',
    ended: 'SESSION_NOT_ACTIVE',
  });
};

/** F6: a key bound within the retention window replays the same request and refuses others. */
export const keyCheck = (
  m: SeatModel,
  now: number,
  operation: 'checkout' | 'checkin',
  key: string,
  hash: string,
): Expected | null => {
  const bound = m.keys.get(key);
  if (!bound || now - bound.at >= m.policy.idempotencyRetentionHours * HOUR) return null;
  if (bound.operation !== operation || bound.hash !== hash) return error('IDEMPOTENCY_KEY_REUSED');
  return { kind: 'replay', key };
};

/** U2/O5: the same client refused for the same reason within the window is not recorded again. */
export const refusal = (
  m: SeatModel,
  now: number,
  kind: 'checkout' | 'session',
  subject: string,
  event: Norm & { reason: RefusalReason },
): Expected => {
  const last = m.refusalsRecorded.get(`${kind}:${event.reason}:${subject}`);
  const window = m.policy.refusalLog.windowSeconds * 1000;
  return {
    kind: 'refusal',
    event,
    reason: event.reason,
    suppressed: last !== undefined && now - last < window,
  };
};

export type Command<T extends LicenseCommand['type']> = Extract<LicenseCommand, { type: T }>;
