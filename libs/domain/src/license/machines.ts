import * as E from 'fp-ts/Either';
import { domainError, type DomainError } from '../shared/errors';
import { MINUTE, fromIso, toIso } from '../shared/time';
import type { EventData, EventMaker } from './event-factory';
import type { LicenseEvent, RefusalReason } from './license.events';
import type { CommandOf } from './license.commands';
import type { IssuedLicense } from './license.state';
import { floatingSeats, hasRoom, isLive, machineSeats } from './occupancy';
import { isRateLimited } from './rate-limit';
import { recordRefusal } from './refusals';
import { statusAt, statusRefusal } from './status';
import { threatOnNewMachine } from './threat';
import { grantToken, refreshDecision } from './tokens';
import { valuesOf } from './records';
import { getIn, valuesIn } from './sharded';

type Decision = E.Either<DomainError, readonly LicenseEvent[]>;

/**
 * Every counted /activate attempt is recorded, refusals included, so the rate limit (O5) is
 * exact; the limit itself bounds them. Only RATE_LIMITED refusals are thinned (refusals.ts).
 */
const refuseActivation = (
  s: IssuedLicense,
  now: number,
  make: EventMaker,
  fingerprint: string,
  reason: RefusalReason,
  seats = machineSeats(s),
): Decision => {
  const events = [make('ActivationRefused.v1', { fingerprint, reason, seats })];
  return reason === 'RATE_LIMITED'
    ? recordRefusal(s, now, 'activation', reason, fingerprint, events)
    : E.right(events);
};

/** The machine's name as the request gave it (recorded with its activation or lease). */
const hostnameOf = (c: { readonly hostname?: string | null }): string | null => c.hostname ?? null;

/** MachineActivated, with the machine's name when the request gave one. */
const activated = (
  make: EventMaker,
  c: CommandOf<'ActivateMachine'>,
  data: Omit<EventData<'MachineActivated.v2'>, 'hostname'>,
): LicenseEvent => make('MachineActivated.v2', { ...data, hostname: hostnameOf(c) });

/** M1, M2, T1, O5, O6, O7; on a floating license, activation takes a lease (F4, F7). */
export const activate = (
  s: IssuedLicense,
  c: CommandOf<'ActivateMachine'>,
  now: number,
  make: EventMaker,
): Decision => {
  if (isRateLimited(s, now)) return refuseActivation(s, now, make, c.fingerprint, 'RATE_LIMITED');
  const status = statusAt(s, now);
  const blocked = statusRefusal(status);
  if (blocked) return refuseActivation(s, now, make, c.fingerprint, blocked);
  if (s.policy.licenseType === 'floating') return activateFloating(s, c, now, make, status);

  const existing = getIn(s.activations, c.fingerprint);
  if (existing) {
    return E.right([
      activated(make, c, {
        activationId: existing.activationId,
        fingerprint: c.fingerprint,
        slotTaken: false,
        seats: machineSeats(s),
        country: c.country,
        token: grantToken(s, status, now, c.tokenId),
      }),
    ]);
  }
  const seats = machineSeats(s);
  if (!hasRoom(seats)) return refuseActivation(s, now, make, c.fingerprint, 'SEATS_EXHAUSTED');
  const threat = threatOnNewMachine(s, now, c.country);
  const tokenStatus = threat && status === 'active' ? 'degraded' : status;
  return E.right([
    ...(threat ? [make('ThreatLevelRaised.v1', threat)] : []),
    activated(make, c, {
      activationId: c.activationId,
      fingerprint: c.fingerprint,
      slotTaken: true,
      seats: { inUse: seats.inUse + 1, limit: seats.limit },
      country: c.country,
      token: grantToken(s, tokenStatus, now, c.tokenId),
    }),
  ]);
};

const leaseTimeout = (s: IssuedLicense) =>
  (s.policy.floating?.floatingTimeoutMinutes ?? 15) * MINUTE;

const activateFloating = (
  s: IssuedLicense,
  c: CommandOf<'ActivateMachine'>,
  now: number,
  make: EventMaker,
  status: ReturnType<typeof statusAt>,
): Decision => {
  const expiresAt = now + leaseTimeout(s);
  const token = (tokenId: string) => grantToken(s, status, now, tokenId, expiresAt);
  const held = valuesOf(s.leases).find(
    (l) => l.fingerprint === c.fingerprint && l.via === 'activation' && isLive(l, now),
  );
  if (held) {
    return E.right([
      make('LeaseHeartbeat.v1', {
        leaseId: held.leaseId,
        expiresAt: toIso(expiresAt),
        via: 'activation',
        token: token(c.tokenId),
      }),
    ]);
  }
  const seats = floatingSeats(s, now);
  if (!hasRoom(seats)) {
    return refuseActivation(s, now, make, c.fingerprint, 'SEATS_EXHAUSTED', seats);
  }
  return E.right([
    make('LeaseCheckedOut.v2', {
      leaseId: c.activationId,
      fingerprint: c.fingerprint,
      expiresAt: toIso(expiresAt),
      seats: { inUse: seats.inUse + 1, limit: seats.limit },
      idempotencyKey: null,
      requestHash: null,
      via: 'activation',
      token: token(c.tokenId),
      hostname: hostnameOf(c),
    }),
  ]);
};

/** M3 (the machine deactivates itself) and F7 (a render job ends: its floating seat is freed). */
export const deactivate = (
  s: IssuedLicense,
  c: CommandOf<'DeactivateMachine'>,
  now: number,
  make: EventMaker,
): Decision => {
  const activation = getIn(s.activations, c.fingerprint);
  const leases = valuesOf(s.leases).filter(
    (l) => l.fingerprint === c.fingerprint && isLive(l, now),
  );
  if (!activation && leases.length === 0) {
    return E.left(domainError('ACTIVATION_NOT_FOUND', 'this machine holds no activation or lease'));
  }
  return E.right([
    ...(activation
      ? [
          make('MachineDeactivated.v1', {
            activationId: activation.activationId,
            fingerprint: c.fingerprint,
            reason: 'self',
          }),
        ]
      : []),
    ...leases.map((l) =>
      make('LeaseCheckedIn.v1', {
        leaseId: l.leaseId,
        idempotencyKey: null,
        requestHash: null,
        via: 'deactivation',
      }),
    ),
  ]);
};

/** M3: an admin revokes one activation, freeing its slot for another machine. */
export const revokeActivation = (
  s: IssuedLicense,
  c: CommandOf<'RevokeActivation'>,
  make: EventMaker,
): Decision => {
  const activation = valuesIn(s.activations).find((a) => a.activationId === c.activationId);
  if (!activation) return E.left(domainError('ACTIVATION_NOT_FOUND', 'no such activation'));
  return E.right([
    make('MachineDeactivated.v1', {
      activationId: activation.activationId,
      fingerprint: activation.fingerprint,
      reason: 'admin',
    }),
  ]);
};

/** O3, O4: online validation checks the current status on every call and refreshes tokens. */
export const validate = (
  s: IssuedLicense,
  c: CommandOf<'ValidateMachine'>,
  now: number,
  make: EventMaker,
): Decision => {
  const refuse = (reason: RefusalReason) =>
    recordRefusal(s, now, 'validation', reason, c.fingerprint, [
      make('ValidationRefused.v1', { fingerprint: c.fingerprint, tokenId: c.tokenId, reason }),
    ]);
  const status = statusAt(s, now);
  const blocked = statusRefusal(status);
  if (blocked) return refuse(blocked);
  const tokenExpiresAt = fromIso(c.tokenExpiresAt);

  if (s.policy.licenseType === 'floating') {
    const lease = s.leases[c.activationId];
    if (!lease || lease.fingerprint !== c.fingerprint || !isLive(lease, now)) {
      return refuse('ACTIVATION_NOT_FOUND');
    }
    const expiresAt = now + leaseTimeout(s);
    return E.right([
      make('LeaseHeartbeat.v1', {
        leaseId: lease.leaseId,
        expiresAt: toIso(expiresAt),
        via: 'validation',
        token: grantToken(s, status, now, c.newTokenId, expiresAt),
      }),
    ]);
  }

  const activation = getIn(s.activations, c.fingerprint);
  if (!activation || activation.activationId !== c.activationId) {
    return refuse('ACTIVATION_NOT_FOUND');
  }
  if (now >= tokenExpiresAt) return refuse('TOKEN_EXPIRED');
  const decision = refreshDecision(s, status, now, fromIso(c.tokenIssuedAt), tokenExpiresAt);
  if (decision === 'keep') return E.right([]);
  return E.right([
    make('MachineTokenRefreshed.v1', {
      activationId: activation.activationId,
      fingerprint: c.fingerprint,
      previousTokenId: c.tokenId,
      reason: decision,
      token: grantToken(s, status, now, c.newTokenId),
    }),
  ]);
};
