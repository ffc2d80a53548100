import type { Actor } from '../shared/actor';
import { DAY, HOUR, MINUTE, SECOND, toIso } from '../shared/time';
import { presets, type PresetName } from '../product/presets';
import type { Policy } from '../product/policy';
import { eventsFor } from '../license/event-factory';
import type { CommandOf, LicenseCommand } from '../license/license.commands';
import type { EventOf, LicenseEvent } from '../license/license.events';

/** 2026-01-01T00:00:00.000Z: every spec's time starts here. */
export const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const at = (offset: { d?: number; h?: number; m?: number; s?: number; ms?: number }) =>
  T0 +
  (offset.d ?? 0) * DAY +
  (offset.h ?? 0) * HOUR +
  (offset.m ?? 0) * MINUTE +
  (offset.s ?? 0) * SECOND +
  (offset.ms ?? 0);

export const LICENSE = 'lic-1';
export const KEY_HASH = 'a'.repeat(64);
export const admin: Actor = { kind: 'admin', id: 'alice' };
export const client: Actor = { kind: 'license', id: LICENSE };

export const policyOf = (preset: PresetName, overrides: Partial<Policy> = {}): Policy => ({
  ...presets[preset],
  ...overrides,
});

/** A license issued at T0 (or `when`) with the given policy. */
export const issued = (policy: Policy, when = T0, extra: { trial?: boolean } = {}) =>
  eventsFor(
    LICENSE,
    when,
    admin,
  )('LicenseIssued.v1', {
    productId: 'prod-1',
    variantId: 'v',
    policy,
    keyHash: KEY_HASH,
    licensee: 'Studio Nine',
    trial: extra.trial ?? false,
    expiresAt: policy.durationDays === null ? null : toIso(when + policy.durationDays * DAY),
  });

/** A floating policy with `cap` seats and a 15-minute timeout. */
export const floatingPolicy = (cap = 2, timeoutMinutes = 15): Policy =>
  policyOf('render-farm', {
    floating: { maxFloatingUsers: cap, floatingTimeoutMinutes: timeoutMinutes },
  });

/** A session policy with `cap` slots (20-minute idle, 60-minute service limit). */
export const sessionPolicy = (cap = 3): Policy =>
  policyOf('studio', {
    sessions: { maxSessions: cap, interactiveIdleMinutes: 20, serviceMaxMinutes: 60 },
  });

const cmd = <T extends LicenseCommand['type']>(
  type: T,
  props: Omit<CommandOf<T>, 'type' | 'licenseId' | 'actor'>,
  actor: Actor = client,
): CommandOf<T> => ({ type, licenseId: LICENSE, actor, ...props }) as unknown as CommandOf<T>;

/** A stand-in SHA-256 (64 hex digits) distinct per n. */
export const sha = (n: number) => n.toString(16).padStart(64, '0');

export const commands = {
  checkout: (
    leaseId: string,
    fingerprint = `fp-${leaseId}`,
    key = `key-${leaseId}`,
    hash = sha(1),
  ) => cmd('CheckoutLease', { leaseId, fingerprint, idempotencyKey: key, requestHash: hash }),
  heartbeat: (leaseId: string) => cmd('HeartbeatLease', { leaseId }),
  checkin: (leaseId: string, key = `in-${leaseId}`, hash = sha(2)) =>
    cmd('CheckinLease', { leaseId, idempotencyKey: key, requestHash: hash }),
  release: (leaseId: string) => cmd('ReleaseLease', { leaseId }, admin),
  activate: (fingerprint: string, n = 1, country: string | null = null) =>
    cmd('ActivateMachine', {
      fingerprint,
      activationId: `act-${fingerprint}`,
      tokenId: `tok-${fingerprint}-${n}`,
      country,
    }),
  deactivate: (fingerprint: string) => cmd('DeactivateMachine', { fingerprint }),
  revokeActivation: (activationId: string) => cmd('RevokeActivation', { activationId }, admin),
  validate: (
    fingerprint: string,
    token: { tokenId: string; issuedAt: number; expiresAt: number },
    activationId = `act-${fingerprint}`,
  ) =>
    cmd('ValidateMachine', {
      fingerprint,
      activationId,
      tokenId: token.tokenId,
      tokenIssuedAt: toIso(token.issuedAt),
      tokenExpiresAt: toIso(token.expiresAt),
      newTokenId: `${token.tokenId}-r`,
    }),
  open: (sessionId: string, username: string, kind: 'interactive' | 'service' = 'interactive') =>
    cmd('OpenSession', { sessionId, username, kind }),
  activity: (sessionId: string, username: string | null = null, onBehalfOf: string | null = null) =>
    cmd('RecordSessionActivity', { sessionId, username, onBehalfOf }),
  logout: (sessionId: string) => cmd('CloseSession', { sessionId }),
  endSession: (sessionId: string) => cmd('EndSession', { sessionId }, admin),
  reserve: (...usernames: string[]) => cmd('SetReservedAccounts', { usernames }, admin),
  suspend: () => cmd('SuspendLicense', { reason: 'unpaid invoice' }, admin),
  reinstate: () => cmd('ReinstateLicense', { reason: 'paid' }, admin),
  revoke: () => cmd('RevokeLicense', { reason: 'chargeback' }, admin),
  renew: (days: number | null = null) => cmd('RenewLicense', { days }, admin),
  raiseThreat: () => cmd('RaiseThreatLevel', { detail: 'manual review' }, admin),
  clearThreat: () => cmd('ClearThreatLevel', { reason: 'reviewed' }, admin),
  settle: () => cmd('SettleOverdue', {}, { kind: 'system', id: 'expiry-sweeper' }),
};

/** Shorthand for given-events built through the event factory. */
export const event = <T extends LicenseEvent['type']>(
  type: T,
  when: number,
  data: Omit<EventOf<T>['data'], 'licenseId' | 'at' | 'actor'>,
  actor: Actor = client,
): EventOf<T> => eventsFor(LICENSE, when, actor)(type, data);
