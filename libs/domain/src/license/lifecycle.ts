import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { validatePolicy } from '../product/policy';
import { MAX_TERM_DAYS } from '../product/policy-limits';
import { domainError, type DomainError } from '../shared/errors';
import { DAY, toIso } from '../shared/time';
import { eventsFor, type EventMaker } from './event-factory';
import type { CommandOf } from './license.commands';
import type { LicenseEvent } from './license.events';
import type { IssuedLicense } from './license.state';
import { liveLeases, liveSessions } from './occupancy';
import { valuesIn } from './sharded';

type Decision = E.Either<DomainError, readonly LicenseEvent[]>;

const revoked = E.left(domainError('LICENSE_REVOKED', 'the license is revoked'));

/** O7: a license runs durationDays from issue; a trial runs defaultTrialDays on one machine. */
export const issue = (c: CommandOf<'IssueLicense'>, now: number): Decision =>
  pipe(
    validatePolicy(c.policy),
    E.chain((policy) => {
      const trialDays = policy.defaultTrialDays;
      if (c.trial && trialDays === null) {
        return E.left(domainError('INVALID_POLICY', 'a trial needs defaultTrialDays'));
      }
      if (c.trial && policy.licenseType !== 'per-machine') {
        return E.left(domainError('INVALID_POLICY', 'a trial runs on one machine (per-machine)'));
      }
      const days = c.trial ? trialDays : policy.durationDays;
      const make = eventsFor(c.licenseId, now, c.actor);
      return E.right([
        make('LicenseIssued.v1', {
          productId: c.productId,
          variantId: c.variantId,
          policy: c.trial ? { ...policy, maxMachines: 1 } : policy,
          keyHash: c.keyHash,
          licensee: c.licensee,
          trial: c.trial,
          expiresAt: days === null ? null : toIso(now + days * DAY),
        }),
      ]);
    }),
  );

/** Frees every live lease and session at once, e.g. on suspension or revocation. */
const releaseAll = (
  s: IssuedLicense,
  now: number,
  make: EventMaker,
  reason: 'license-suspended' | 'license-revoked',
): LicenseEvent[] => [
  ...liveLeases(s, now).map((l) =>
    make('LeaseReleased.v1', { leaseId: l.leaseId, reason, endedAt: toIso(now) }),
  ),
  ...liveSessions(s, now).map((x) =>
    make('SessionClosed.v1', { sessionId: x.sessionId, reason, endedAt: toIso(now) }),
  ),
];

export const suspend = (
  s: IssuedLicense,
  c: CommandOf<'SuspendLicense'>,
  now: number,
  make: EventMaker,
): Decision => {
  if (s.standing === 'revoked') return revoked;
  if (s.standing === 'suspended') {
    return E.left(domainError('ALREADY_IN_STATE', 'the license is already suspended'));
  }
  return E.right([
    make('LicenseSuspended.v1', { reason: c.reason }),
    ...releaseAll(s, now, make, 'license-suspended'),
  ]);
};

export const reinstate = (
  s: IssuedLicense,
  c: CommandOf<'ReinstateLicense'>,
  make: EventMaker,
): Decision => {
  if (s.standing === 'revoked') return revoked;
  if (s.standing !== 'suspended') {
    return E.left(domainError('ALREADY_IN_STATE', 'the license is not suspended'));
  }
  return E.right([make('LicenseReinstated.v1', { reason: c.reason })]);
};

/** Revocation is final: every seat is freed and every machine unbound (O4 refuses them online). */
export const revoke = (
  s: IssuedLicense,
  c: CommandOf<'RevokeLicense'>,
  now: number,
  make: EventMaker,
): Decision => {
  if (s.standing === 'revoked') return revoked;
  return E.right([
    make('LicenseRevoked.v1', { reason: c.reason }),
    ...releaseAll(s, now, make, 'license-revoked'),
    ...valuesIn(s.activations).map((a) =>
      make('MachineDeactivated.v1', {
        activationId: a.activationId,
        fingerprint: a.fingerprint,
        reason: 'license-revoked',
      }),
    ),
  ]);
};

/**
 * O7: renewal extends from the later of now and the current end date, never to more than
 * MAX_TERM_DAYS (100 years) past now: renewals cannot stack a license's end out of reach.
 */
export const renew = (
  s: IssuedLicense,
  c: CommandOf<'RenewLicense'>,
  now: number,
  make: EventMaker,
): Decision => {
  if (s.standing === 'revoked') return revoked;
  const days = c.days ?? s.policy.durationDays;
  if (days === null) {
    return E.left(domainError('INVALID_COMMAND', 'a perpetual policy needs an explicit days'));
  }
  const from = Math.max(now, s.expiresAt ?? now);
  const until = from + days * DAY;
  if (until > now + MAX_TERM_DAYS * DAY) {
    return E.left(
      domainError(
        'INVALID_COMMAND',
        `a license may run at most ${MAX_TERM_DAYS} days past now; this renewal would end it on ${toIso(until)}`,
      ),
    );
  }
  return E.right([
    make('LicenseRenewed.v1', {
      previousExpiresAt: s.expiresAt === null ? null : toIso(s.expiresAt),
      expiresAt: toIso(until),
      days,
    }),
  ]);
};

export const raiseThreat = (
  s: IssuedLicense,
  c: CommandOf<'RaiseThreatLevel'>,
  make: EventMaker,
): Decision => {
  if (s.standing === 'revoked') return revoked;
  if (s.threat === 'degraded') {
    return E.left(domainError('ALREADY_IN_STATE', 'the threat level is already raised'));
  }
  return E.right([make('ThreatLevelRaised.v1', { reason: 'admin', detail: c.detail })]);
};

export const clearThreat = (
  s: IssuedLicense,
  c: CommandOf<'ClearThreatLevel'>,
  make: EventMaker,
): Decision => {
  if (s.standing === 'revoked') return revoked;
  if (s.threat === 'normal') {
    return E.left(domainError('ALREADY_IN_STATE', 'the threat level is normal'));
  }
  return E.right([make('ThreatLevelCleared.v1', { reason: c.reason })]);
};

/** S4: reserved accounts; each is guaranteed a slot, so there can be no more than the cap. */
export const setReserved = (
  s: IssuedLicense,
  c: CommandOf<'SetReservedAccounts'>,
  make: EventMaker,
): Decision => {
  if (s.standing === 'revoked') return revoked;
  const overlay = s.policy.sessions;
  if (!overlay) {
    return E.left(domainError('SESSIONS_NOT_ENABLED', "this license's policy has no sessions"));
  }
  const usernames = [...new Set(c.usernames)];
  if (usernames.length > overlay.maxSessions) {
    return E.left(
      domainError(
        'INVALID_COMMAND',
        `${usernames.length} reserved accounts exceed the ${overlay.maxSessions} session slots`,
      ),
    );
  }
  return E.right([make('ReservedAccountsSet.v1', { usernames })]);
};

/** U2: refusals counted but not recorded one by one, one event per kind and reason. */
export const tally = (c: CommandOf<'TallyRefusals'>, make: EventMaker): Decision =>
  E.right(
    c.tallies.map((x) =>
      make('RefusalsTallied.v1', {
        kind: x.kind,
        reason: x.reason,
        count: x.count,
        from: x.from,
        to: x.to,
      }),
    ),
  );
