import * as E from 'fp-ts/Either';
import type { Recall } from '../shared/decider';
import { domainError, type DomainError } from '../shared/errors';
import { HOUR, MINUTE, toIso } from '../shared/time';
import type { EventMaker } from './event-factory';
import type { CommandOf } from './license.commands';
import type { LicenseEvent, RefusalReason } from './license.events';
import type { IssuedLicense } from './license.state';
import { checkKey } from './idempotency';
import { floatingSeats, hasRoom, isLive } from './occupancy';
import { recallEnded } from './license.memory';
import { recordRefusal } from './refusals';
import { statusAt, statusRefusal } from './status';

type Decision = E.Either<DomainError, readonly LicenseEvent[]>;

const notEnabled = E.left(
  domainError('FLOATING_NOT_ENABLED', "this license's policy has no floating overlay"),
);

/** Why a lease id no longer (or never) names a live lease (one ended long ago is not found). */
const leaseGone = (
  s: IssuedLicense,
  leaseId: string,
  now: number,
  recall: Recall | undefined,
): DomainError | null => {
  const lease = s.leases[leaseId];
  if (lease) {
    return isLive(lease, now)
      ? null
      : domainError('LEASE_EXPIRED', 'the lease timed out without a heartbeat; check out again');
  }
  const ended = recallEnded(recall, 'lease', leaseId);
  if (!ended || now - ended.at >= s.policy.idempotencyRetentionHours * HOUR) {
    return domainError('LEASE_NOT_FOUND', 'no such lease');
  }
  return ended.reason === 'expired'
    ? domainError('LEASE_EXPIRED', 'the lease timed out without a heartbeat; check out again', {
        reason: 'expired',
      })
    : domainError('LEASE_NOT_ACTIVE', `the lease has ended (${ended.reason})`, {
        reason: ended.reason,
      });
};

/** F1, F4, F6: take a floating seat if one is free at this instant. */
export const checkout = (
  s: IssuedLicense,
  c: CommandOf<'CheckoutLease'>,
  now: number,
  make: EventMaker,
  recall: Recall | undefined,
): Decision => {
  const floating = s.policy.floating;
  if (!floating) return notEnabled;
  const key = checkKey(s, now, recall, 'checkout', c.idempotencyKey, c.requestHash);
  if (E.isLeft(key)) return key;
  if (key.right.kind === 'replay') return E.right([]);

  const seats = floatingSeats(s, now);
  const refuse = (reason: RefusalReason) =>
    recordRefusal(s, now, 'checkout', reason, c.fingerprint, [
      make('CheckoutRefused.v1', { fingerprint: c.fingerprint, reason, seats }),
    ]);
  const blocked = statusRefusal(statusAt(s, now));
  if (blocked) return refuse(blocked);
  if (!hasRoom(seats)) return refuse('SEATS_EXHAUSTED');
  return E.right([
    make('LeaseCheckedOut.v2', {
      leaseId: c.leaseId,
      fingerprint: c.fingerprint,
      expiresAt: toIso(now + floating.floatingTimeoutMinutes * MINUTE),
      seats: { inUse: seats.inUse + 1, limit: seats.limit },
      idempotencyKey: c.idempotencyKey,
      requestHash: c.requestHash,
      via: 'checkout',
      token: null,
      hostname: c.hostname ?? null,
    }),
  ]);
};

/** F2, F5: a heartbeat extends a live lease; a lease past its timeout cannot be revived. */
export const heartbeat = (
  s: IssuedLicense,
  c: CommandOf<'HeartbeatLease'>,
  now: number,
  make: EventMaker,
  recall: Recall | undefined,
): Decision => {
  const floating = s.policy.floating;
  if (!floating) return notEnabled;
  const gone = leaseGone(s, c.leaseId, now, recall);
  if (gone) return E.left(gone);
  const blocked = statusRefusal(statusAt(s, now));
  if (blocked) return E.left(domainError(blocked, `cannot renew a lease: ${blocked}`));
  return E.right([
    make('LeaseHeartbeat.v1', {
      leaseId: c.leaseId,
      expiresAt: toIso(now + floating.floatingTimeoutMinutes * MINUTE),
      via: 'heartbeat',
      token: null,
    }),
  ]);
};

/** F3, F6: checkin frees the seat at once; a replay returns the original outcome. */
export const checkin = (
  s: IssuedLicense,
  c: CommandOf<'CheckinLease'>,
  now: number,
  make: EventMaker,
  recall: Recall | undefined,
): Decision => {
  if (!s.policy.floating) return notEnabled;
  const key = checkKey(s, now, recall, 'checkin', c.idempotencyKey, c.requestHash);
  if (E.isLeft(key)) return key;
  if (key.right.kind === 'replay') return E.right([]);
  const gone = leaseGone(s, c.leaseId, now, recall);
  if (gone) return E.left(gone);
  return E.right([
    make('LeaseCheckedIn.v1', {
      leaseId: c.leaseId,
      idempotencyKey: c.idempotencyKey,
      requestHash: c.requestHash,
      via: 'checkin',
    }),
  ]);
};

/** An admin frees one lease at once. */
export const releaseLease = (
  s: IssuedLicense,
  c: CommandOf<'ReleaseLease'>,
  now: number,
  make: EventMaker,
  recall: Recall | undefined,
): Decision => {
  const gone = leaseGone(s, c.leaseId, now, recall);
  if (gone) return E.left(gone);
  return E.right([
    make('LeaseReleased.v1', { leaseId: c.leaseId, reason: 'admin', endedAt: toIso(now) }),
  ]);
};
