import { fromIso, DAY, MINUTE, SECOND } from '../shared/time';
import { refusalKey, refusalSubject } from './refusals';
import type { LicenseEvent, RefusalKind, RefusalReason } from './license.events';
import type { IssuedLicense, LicenseState } from './license.state';
import { omit, put } from './records';
import { getIn, omitIn, putIn } from './sharded';

/** Folds one event into the state. Pure; returns a new state, never mutates. */
export const evolveLicense = (state: LicenseState, event: LicenseEvent): LicenseState => {
  if (event.type === 'LicenseIssued.v1') {
    const d = event.data;
    return {
      kind: 'issued',
      licenseId: d.licenseId,
      productId: d.productId,
      variantId: d.variantId,
      policy: d.policy,
      keyHash: d.keyHash,
      licensee: d.licensee,
      trial: d.trial,
      issuedAt: fromIso(d.at),
      standing: 'active',
      threat: 'normal',
      expiresAt: d.expiresAt === null ? null : fromIso(d.expiresAt),
      expiryRecorded: false,
      reserved: [],
      activations: {},
      leases: {},
      sessions: {},
      activationAttempts: [],
      deactivations: [],
      refusals: { recent: {}, windows: {}, day: { start: fromIso(d.at), count: 0 } },
    };
  }
  if (state.kind !== 'issued') return state;
  return evolveIssued(state, event);
};

const countAttempt = (s: IssuedLicense, at: number): IssuedLicense => {
  const window = s.policy.activationRateLimit.windowMinutes * MINUTE;
  return { ...s, activationAttempts: [...s.activationAttempts.filter((a) => a > at - window), at] };
};

/** How it ended, and the Idempotency-Key it was bound to, are the memory's (licenseMemos). */
const endLease = (s: IssuedLicense, leaseId: string): IssuedLicense => ({
  ...s,
  leases: omit(s.leases, leaseId),
});

const refusalRecorded = (
  s: IssuedLicense,
  kind: RefusalKind,
  reason: RefusalReason,
  subject: string,
  at: number,
): IssuedLicense => {
  const window = s.policy.refusalLog.windowSeconds * SECOND;
  const group = `${kind}:${reason}`;
  const current = s.refusals.windows[group];
  const counted =
    current && at - current.start < window
      ? { start: current.start, count: current.count + 1 }
      : { start: at, count: 1 };
  const today = s.refusals.day;
  const day =
    at - today.start < DAY
      ? { start: today.start, count: today.count + 1 }
      : { start: at, count: 1 };
  return {
    ...s,
    refusals: {
      recent: putIn(
        s.refusals.recent,
        refusalKey(kind, reason, subject),
        at,
        (t) => t > at - window,
      ),
      windows: put(s.refusals.windows, group, counted),
      day,
    },
  };
};

const evolveIssued = (s: IssuedLicense, event: LicenseEvent): IssuedLicense => {
  const at = fromIso(event.data.at);
  switch (event.type) {
    case 'LicenseIssued.v1':
      return s;
    case 'LicenseSuspended.v1':
      return { ...s, standing: 'suspended' };
    case 'LicenseReinstated.v1':
      return { ...s, standing: 'active' };
    case 'LicenseRevoked.v1':
      return { ...s, standing: 'revoked' };
    case 'LicenseRenewed.v1':
      return { ...s, expiresAt: fromIso(event.data.expiresAt), expiryRecorded: false };
    case 'LicenseExpired.v1':
      return { ...s, expiryRecorded: true };
    case 'ThreatLevelRaised.v1':
      return { ...s, threat: 'degraded' };
    case 'ThreatLevelCleared.v1':
      return { ...s, threat: 'normal' };
    case 'ReservedAccountsSet.v1':
      return { ...s, reserved: [...event.data.usernames] };

    case 'MachineActivated.v2': {
      const d = event.data;
      const existing = getIn(s.activations, d.fingerprint);
      const activation = {
        activationId: existing?.activationId ?? d.activationId,
        fingerprint: d.fingerprint,
        activatedAt: existing?.activatedAt ?? at,
        country: d.country ?? existing?.country ?? null,
        tokenId: d.token.tokenId,
        tokenExpiresAt: fromIso(d.token.expiresAt),
      };
      return countAttempt(
        { ...s, activations: putIn(s.activations, d.fingerprint, activation) },
        at,
      );
    }
    case 'ActivationRefused.v1': {
      const subject = refusalSubject(event.data.reason, event.data.fingerprint);
      const recorded = refusalRecorded(s, 'activation', event.data.reason, subject, at);
      return event.data.reason === 'RATE_LIMITED' ? recorded : countAttempt(recorded, at);
    }
    case 'MachineDeactivated.v1': {
      const window = s.policy.machineChurn.windowDays * DAY;
      return {
        ...s,
        activations: omitIn(s.activations, event.data.fingerprint),
        deactivations: [...s.deactivations.filter((d) => d > at - window), at],
      };
    }
    case 'MachineTokenRefreshed.v1': {
      const a = getIn(s.activations, event.data.fingerprint);
      if (!a) return s;
      const token = event.data.token;
      return {
        ...s,
        activations: putIn(s.activations, a.fingerprint, {
          ...a,
          tokenId: token.tokenId,
          tokenExpiresAt: fromIso(token.expiresAt),
        }),
      };
    }
    case 'ValidationRefused.v1':
      return refusalRecorded(s, 'validation', event.data.reason, event.data.fingerprint, at);

    case 'LeaseCheckedOut.v2': {
      const d = event.data;
      const expiresAt = fromIso(d.expiresAt);
      const withLease = {
        ...s,
        leases: put(s.leases, d.leaseId, {
          leaseId: d.leaseId,
          fingerprint: d.fingerprint,
          checkedOutAt: at,
          expiresAt,
          via: d.via,
        }),
      };
      return d.via === 'activation' ? countAttempt(withLease, at) : withLease;
    }
    case 'CheckoutRefused.v1':
      return refusalRecorded(s, 'checkout', event.data.reason, event.data.fingerprint, at);
    case 'LeaseHeartbeat.v1': {
      const lease = s.leases[event.data.leaseId];
      if (!lease) return s;
      const renewed = {
        ...s,
        leases: put(s.leases, lease.leaseId, {
          ...lease,
          expiresAt: fromIso(event.data.expiresAt),
        }),
      };
      return event.data.via === 'activation' ? countAttempt(renewed, at) : renewed;
    }
    case 'LeaseCheckedIn.v1':
    case 'LeaseExpired.v1':
    case 'LeaseReleased.v1':
      return endLease(s, event.data.leaseId);

    case 'SessionOpened.v1': {
      const d = event.data;
      return {
        ...s,
        sessions: put(s.sessions, d.sessionId, {
          sessionId: d.sessionId,
          username: d.username,
          kind: d.kind,
          openedAt: at,
          lastActivityAt: at,
          expiresAt: fromIso(d.expiresAt),
          hardExpiresAt: d.hardExpiresAt === null ? null : fromIso(d.hardExpiresAt),
        }),
      };
    }
    case 'SessionRefused.v1':
      return refusalRecorded(s, 'session', event.data.reason, event.data.username, at);
    case 'SessionActivityRecorded.v1': {
      const session = s.sessions[event.data.sessionId];
      if (!session) return s;
      return {
        ...s,
        sessions: put(s.sessions, session.sessionId, {
          ...session,
          lastActivityAt: at,
          expiresAt: fromIso(event.data.expiresAt),
        }),
      };
    }
    case 'SessionClosed.v1':
      return { ...s, sessions: omit(s.sessions, event.data.sessionId) };
    case 'RefusalsTallied.v1':
      return s;
  }
};
