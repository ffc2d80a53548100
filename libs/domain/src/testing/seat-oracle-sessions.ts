import type { RefusalReason } from '../license/license.events';
import { seats } from './seat-normal';
import type { SeatModel } from './seat-model';
import {
  MINUTE,
  error,
  events,
  refusal,
  sessionGone,
  type Command,
  type Expected,
} from './seat-expectations';

/**
 * S1, S3, S4: below the cap, a reserved account's first session takes its reserved slot;
 * every other session needs room in the shared cap − |reserved|.
 */
export const openSession = (m: SeatModel, c: Command<'OpenSession'>, now: number): Expected => {
  const overlay = m.policy.sessions;
  if (!overlay) return error('SESSIONS_NOT_ENABLED');
  const total = m.liveSessions(now).length;
  const shared = m.sharedSessions(now);
  const sharedLimit = Math.max(0, overlay.maxSessions - m.reserved.length);
  const refuse = (reason: RefusalReason) =>
    refusal(m, now, 'session', c.username, {
      type: 'SessionRefused.v1',
      username: c.username,
      kind: c.kind,
      reason,
      seats: seats(total, overlay.maxSessions),
      shared: seats(shared, sharedLimit),
    });
  if (m.suspended) return refuse('LICENSE_SUSPENDED');
  const reservedFirst = m.reserved.includes(c.username) && m.liveSessionsOf(c.username, now) === 0;
  const pool =
    total >= overlay.maxSessions
      ? null
      : reservedFirst
        ? 'reserved'
        : shared < sharedLimit
          ? 'shared'
          : null;
  if (pool === null) return refuse('SEATS_EXHAUSTED');
  const hard = c.kind === 'service' ? now + overlay.serviceMaxMinutes * MINUTE : null;
  return events({
    type: 'SessionOpened.v1',
    sessionId: c.sessionId,
    username: c.username,
    kind: c.kind,
    pool,
    expiresAt: Math.min(now + overlay.interactiveIdleMinutes * MINUTE, hard ?? Infinity),
    hardExpiresAt: hard,
    seats: seats(total + 1, overlay.maxSessions),
    shared: seats(shared + (pool === 'shared' ? 1 : 0), sharedLimit),
  });
};

/** S2 renewal by activity, never past S3's absolute end; S5 one user; S6 on behalf of others. */
export const activity = (
  m: SeatModel,
  c: Command<'RecordSessionActivity'>,
  now: number,
): Expected => {
  const overlay = m.policy.sessions;
  if (!overlay) return error('SESSIONS_NOT_ENABLED');
  const gone = sessionGone(m, c.sessionId, now);
  if (gone) return error(...gone);
  const x = m.sessions.get(c.sessionId);
  if (!x) return error('SESSION_NOT_FOUND');
  if (c.username !== null && c.username !== x.username) return error('SESSION_NOT_SHAREABLE');
  if (m.suspended) return error('LICENSE_SUSPENDED');
  return events({
    type: 'SessionActivityRecorded.v1',
    sessionId: c.sessionId,
    expiresAt: Math.min(now + overlay.interactiveIdleMinutes * MINUTE, x.hardExpiresAt ?? Infinity),
    onBehalfOf: c.onBehalfOf,
  });
};

export const closeSession = (m: SeatModel, id: string, reason: string, now: number): Expected => {
  const gone = sessionGone(m, id, now);
  if (gone) return error(...gone);
  return events({ type: 'SessionClosed.v1', sessionId: id, reason, endedAt: now });
};

/** Suspension frees every live lease and session at once; reinstatement only lifts it. */
export const suspend = (m: SeatModel, now: number): Expected => {
  if (m.suspended) return error('ALREADY_IN_STATE');
  const reason = 'license-suspended';
  return events(
    { type: 'LicenseSuspended.v1' },
    ...m
      .liveLeases(now)
      .map((l) => ({ type: 'LeaseReleased.v1', leaseId: l.id, reason, endedAt: now })),
    ...m
      .liveSessions(now)
      .map((x) => ({ type: 'SessionClosed.v1', sessionId: x.id, reason, endedAt: now })),
  );
};
