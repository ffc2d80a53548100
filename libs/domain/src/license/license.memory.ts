import * as t from 'io-ts';
import type { Recall } from '../shared/decider';
import { fromIso, HOUR } from '../shared/time';
import type { LicenseCommand } from './license.commands';
import type { LicenseEvent } from './license.events';
import { Ended, IdempotencyRecord, type LicenseState } from './license.state';

/**
 * A license's memory: what its recent events left under a key — the outcome bound to an
 * Idempotency-Key (F6) and the holders that ended recently (so a late heartbeat is told why).
 * It grows with traffic (a render farm binds thousands of keys a day), so it is not part of
 * the state: the state stays small and cheap to copy and to snapshot, and the memory is kept
 * beside it, looked up by key. Every memo is a pure function of one event (licenseMemos), so
 * the memory is rebuilt from the stream by whoever holds it (the command pipeline keeps one
 * per license and reads the events of the retention window back after a restart). A decision
 * reads only the keys it declares (memoKeys), through the context's `recall`, and ignores a
 * memo older than the retention window: keeping one longer never changes a decision.
 */
export const LicenseMemo = t.union([
  t.type({ kind: t.literal('key'), record: IdempotencyRecord }),
  t.type({ kind: t.literal('ended'), ended: Ended }),
]);
export type LicenseMemo = t.TypeOf<typeof LicenseMemo>;

/** One memo: its key, the instant its event was decided, and what it says. */
export interface Memo {
  readonly key: string;
  readonly at: number;
  readonly value: LicenseMemo;
}

const idempotencyKey = (key: string) => `key:${key}`;
const endedKey = (holder: 'lease' | 'session', id: string) => `${holder}:${id}`;

const ended = (
  holder: 'lease' | 'session',
  id: string,
  reason: string,
  endedAt: number,
  at: number,
): Memo => ({
  key: endedKey(holder, id),
  at,
  value: { kind: 'ended', ended: { reason, endedAt, at } },
});

const bound = (key: string | null, record: IdempotencyRecord): Memo[] =>
  key === null ? [] : [{ key: idempotencyKey(key), at: record.at, value: { kind: 'key', record } }];

/** What one event leaves in the memory (most events leave nothing). */
export const licenseMemos = (event: LicenseEvent): readonly Memo[] => {
  const at = fromIso(event.data.at);
  switch (event.type) {
    case 'LeaseCheckedOut.v2': {
      const d = event.data;
      return bound(d.idempotencyKey, {
        operation: 'checkout',
        requestHash: d.requestHash ?? '',
        at,
        leaseId: d.leaseId,
        leaseExpiresAt: fromIso(d.expiresAt),
      });
    }
    case 'LeaseCheckedIn.v1': {
      const d = event.data;
      return [
        ended('lease', d.leaseId, `checked-in:${d.via}`, at, at),
        // A checked-in lease holds its seat until the checkin: that is when it stopped.
        ...bound(d.idempotencyKey, {
          operation: 'checkin',
          requestHash: d.requestHash ?? '',
          at,
          leaseId: d.leaseId,
          leaseExpiresAt: at,
        }),
      ];
    }
    case 'LeaseExpired.v1':
      return [ended('lease', event.data.leaseId, 'expired', fromIso(event.data.expiredAt), at)];
    case 'LeaseReleased.v1':
      return [
        ended(
          'lease',
          event.data.leaseId,
          `released:${event.data.reason}`,
          fromIso(event.data.endedAt),
          at,
        ),
      ];
    case 'SessionClosed.v1':
      return [
        ended('session', event.data.sessionId, event.data.reason, fromIso(event.data.endedAt), at),
      ];
    default:
      return [];
  }
};

/** How long a memo can matter to a decision: the license's idempotency retention. */
export const memoryWindow = (state: LicenseState): number =>
  state.kind === 'issued' ? state.policy.idempotencyRetentionHours * HOUR : 0;

/** The instant an event was decided (how far back the memory is read after a restart). */
export const licenseEventAt = (event: LicenseEvent): number => fromIso(event.data.at);

/** The memory keys the decision of `command` against `state` reads (and only those). */
export const memoKeys = (command: LicenseCommand, state: LicenseState): readonly string[] => {
  if (state.kind !== 'issued') return [];
  const lease = (id: string) => (id in state.leases ? [] : [endedKey('lease', id)]);
  const session = (id: string) => (id in state.sessions ? [] : [endedKey('session', id)]);
  switch (command.type) {
    case 'CheckoutLease':
      return [idempotencyKey(command.idempotencyKey)];
    case 'CheckinLease':
      return [idempotencyKey(command.idempotencyKey), ...lease(command.leaseId)];
    case 'HeartbeatLease':
    case 'ReleaseLease':
      return lease(command.leaseId);
    case 'RecordSessionActivity':
    case 'CloseSession':
    case 'EndSession':
      return session(command.sessionId);
    default:
      return [];
  }
};

const recalled = (recall: Recall | undefined, key: string): LicenseMemo | undefined => {
  const memo = recall?.(key);
  return LicenseMemo.is(memo) ? memo : undefined;
};

/** F6: the outcome an Idempotency-Key is bound to, as the memory holds it. */
export const recallKey = (
  recall: Recall | undefined,
  key: string,
): IdempotencyRecord | undefined => {
  const memo = recalled(recall, idempotencyKey(key));
  return memo?.kind === 'key' ? memo.record : undefined;
};

/** How a lease or session that is no longer held ended (if it ended recently). */
export const recallEnded = (
  recall: Recall | undefined,
  holder: 'lease' | 'session',
  id: string,
): Ended | undefined => {
  const memo = recalled(recall, endedKey(holder, id));
  return memo?.kind === 'ended' ? memo.ended : undefined;
};

/** `recall`, with what `events` (decided, not yet recorded) leave in it on top. */
export const recallAfter = (recall: Recall | undefined, events: readonly LicenseEvent[]) => {
  const memos = new Map<string, LicenseMemo>();
  for (const e of events) for (const m of licenseMemos(e)) memos.set(m.key, m.value);
  if (memos.size === 0) return recall;
  return (key: string): unknown => (memos.has(key) ? memos.get(key) : recall?.(key));
};

/** A memory folded from a whole history, in memory (tests and in-memory deciders). */
export const memoryOf = (events: readonly LicenseEvent[]): Recall => {
  const memos = new Map<string, LicenseMemo>();
  for (const e of events) for (const m of licenseMemos(e)) memos.set(m.key, m.value);
  return (key) => memos.get(key);
};
