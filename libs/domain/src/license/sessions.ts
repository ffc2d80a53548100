import * as E from 'fp-ts/Either';
import type { Recall } from '../shared/decider';
import { domainError, type DomainError } from '../shared/errors';
import { HOUR, MINUTE, toIso } from '../shared/time';
import type { EventMaker } from './event-factory';
import type { CommandOf } from './license.commands';
import type { LicenseEvent, RefusalReason } from './license.events';
import type { IssuedLicense, Session } from './license.state';
import { isLive, sessionSeats } from './occupancy';
import { recordRefusal } from './refusals';
import { recallEnded } from './license.memory';
import { statusAt, statusRefusal } from './status';

type Decision = E.Either<DomainError, readonly LicenseEvent[]>;

const notEnabled = E.left(
  domainError('SESSIONS_NOT_ENABLED', "this license's policy has no session overlay"),
);

/** Why a session id no longer (or never) names a live session (one ended long ago is not found). */
const sessionGone = (
  s: IssuedLicense,
  sessionId: string,
  now: number,
  recall: Recall | undefined,
): DomainError | null => {
  const session = s.sessions[sessionId];
  if (session) {
    return isLive(session, now)
      ? null
      : domainError('SESSION_EXPIRED', 'the session timed out; open a new one');
  }
  const ended = recallEnded(recall, 'session', sessionId);
  if (!ended || now - ended.at >= s.policy.idempotencyRetentionHours * HOUR) {
    return domainError('SESSION_NOT_FOUND', 'no such session');
  }
  return ended.reason === 'idle-timeout' || ended.reason === 'max-lifetime'
    ? domainError('SESSION_EXPIRED', `the session timed out (${ended.reason})`, {
        reason: ended.reason,
      })
    : domainError('SESSION_NOT_ACTIVE', `the session has ended (${ended.reason})`, {
        reason: ended.reason,
      });
};

/** S2 idle renewal; S3 absolute cap for service sessions, even while active. */
const expiryAfterActivity = (
  idleMinutes: number,
  now: number,
  hardExpiresAt: number | null,
): number => Math.min(now + idleMinutes * MINUTE, hardExpiresAt ?? Number.POSITIVE_INFINITY);

/** S1, S4: a slot for a reserved account's first session, else one from the shared pool. */
export const openSession = (
  s: IssuedLicense,
  c: CommandOf<'OpenSession'>,
  now: number,
  make: EventMaker,
): Decision => {
  const overlay = s.policy.sessions;
  if (!overlay) return notEnabled;
  const seats = sessionSeats(s, now);
  const refuse = (reason: RefusalReason) =>
    recordRefusal(s, now, 'session', reason, c.username, [
      make('SessionRefused.v1', {
        username: c.username,
        kind: c.kind,
        reason,
        seats: seats.all,
        shared: seats.shared,
      }),
    ]);
  const blocked = statusRefusal(statusAt(s, now));
  if (blocked) return refuse(blocked);

  const belowCap = seats.all.inUse < overlay.maxSessions;
  const reservedFirst = s.reserved.includes(c.username) && seats.sessionsOf(c.username) === 0;
  const sharedFree = seats.shared.inUse < (seats.shared.limit ?? 0);
  const pool = !belowCap ? null : reservedFirst ? 'reserved' : sharedFree ? 'shared' : null;
  if (pool === null) return refuse('SEATS_EXHAUSTED');

  const hardExpiresAt = c.kind === 'service' ? now + overlay.serviceMaxMinutes * MINUTE : null;
  const expiresAt = expiryAfterActivity(overlay.interactiveIdleMinutes, now, hardExpiresAt);
  return E.right([
    make('SessionOpened.v1', {
      sessionId: c.sessionId,
      username: c.username,
      kind: c.kind,
      pool,
      expiresAt: toIso(expiresAt),
      hardExpiresAt: hardExpiresAt === null ? null : toIso(hardExpiresAt),
      seats: { inUse: seats.all.inUse + 1, limit: seats.all.limit },
      shared: {
        inUse: seats.shared.inUse + (pool === 'shared' ? 1 : 0),
        limit: seats.shared.limit,
      },
    }),
  ]);
};

/** S2, S3, S5, S6: activity renews an interactive session; it is the session's own user's. */
export const recordActivity = (
  s: IssuedLicense,
  c: CommandOf<'RecordSessionActivity'>,
  now: number,
  make: EventMaker,
  recall: Recall | undefined,
): Decision => {
  const overlay = s.policy.sessions;
  if (!overlay) return notEnabled;
  const gone = sessionGone(s, c.sessionId, now, recall);
  if (gone) return E.left(gone);
  const session = s.sessions[c.sessionId] as Session;
  if (c.username !== null && c.username !== session.username) {
    return E.left(
      domainError('SESSION_NOT_SHAREABLE', 'a session belongs to the user who opened it'),
    );
  }
  const blocked = statusRefusal(statusAt(s, now));
  if (blocked) return E.left(domainError(blocked, `cannot renew a session: ${blocked}`));
  const expiresAt = expiryAfterActivity(overlay.interactiveIdleMinutes, now, session.hardExpiresAt);
  return E.right([
    make('SessionActivityRecorded.v1', {
      sessionId: c.sessionId,
      expiresAt: toIso(expiresAt),
      onBehalfOf: c.onBehalfOf,
    }),
  ]);
};

/** S1 logout, S5 an admin ends a session: the slot is free at once. */
export const closeSession = (
  s: IssuedLicense,
  sessionId: string,
  reason: 'logout' | 'admin',
  now: number,
  make: EventMaker,
  recall: Recall | undefined,
): Decision => {
  const gone = sessionGone(s, sessionId, now, recall);
  if (gone) return E.left(gone);
  return E.right([make('SessionClosed.v1', { sessionId, reason, endedAt: toIso(now) })]);
};
