import * as t from 'io-ts';
import { Actor } from '../shared/actor';
import {
  CountryCode,
  Fingerprint,
  Id,
  IdempotencyKey,
  Instant,
  MachineName,
  RecordedText,
  RecordedUsername,
  NonNegativeInt,
  Sha256Hex,
  nullable,
} from '../shared/codecs';
import { RecordedPolicy } from '../product/policy';

/**
 * Every event names its license, the instant it was decided (from the command's clock), the
 * actor who asked (A1), and what was decided and why. Type names carry their version: a stored
 * name never changes meaning; a new shape is a new type plus an upcaster from the older one
 * (license.upcasters.ts). This union holds the current version of each event only: the
 * deciders, evolve and the projections never see an older one.
 */
export const licenseEvent = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type(
    {
      type: t.literal(type),
      data: t.type({ licenseId: Id, at: Instant, actor: Actor, ...props }),
    },
    type,
  );

/** Stable, machine-readable refusal reasons (U2); the HTTP error codes reuse them. */
export const RefusalReason = t.keyof({
  SEATS_EXHAUSTED: null,
  LICENSE_REVOKED: null,
  LICENSE_SUSPENDED: null,
  LICENSE_EXPIRED: null,
  RATE_LIMITED: null,
  ACTIVATION_NOT_FOUND: null,
  TOKEN_EXPIRED: null,
});
export type RefusalReason = t.TypeOf<typeof RefusalReason>;

/** Seat accounting at the moment of a decision: what the decision was taken against. */
const Seats = t.type({ inUse: NonNegativeInt, limit: nullable(NonNegativeInt) });

export const LicenseStatusName = t.keyof({
  active: null,
  degraded: null,
  suspended: null,
  revoked: null,
  expired: null,
});
export type LicenseStatusName = t.TypeOf<typeof LicenseStatusName>;

/** A signed machine token's claims as decided; the signature is applied outside the domain. */
export const TokenGrant = t.type({
  tokenId: Id,
  issuedAt: Instant,
  expiresAt: Instant,
  /** License status the token's lifetime was derived from (O3). */
  status: LicenseStatusName,
});
export type TokenGrant = t.TypeOf<typeof TokenGrant>;

// ---- lifecycle -------------------------------------------------------------------------------

export const LicenseIssued = licenseEvent('LicenseIssued.v1', {
  productId: Id,
  variantId: Id,
  policy: RecordedPolicy,
  /** SHA-256 of the license key. The key itself is never stored. */
  keyHash: Sha256Hex,
  licensee: nullable(RecordedText),
  trial: t.boolean,
  expiresAt: nullable(Instant),
});
export const LicenseSuspended = licenseEvent('LicenseSuspended.v1', { reason: RecordedText });
export const LicenseReinstated = licenseEvent('LicenseReinstated.v1', { reason: RecordedText });
export const LicenseRevoked = licenseEvent('LicenseRevoked.v1', { reason: RecordedText });
export const LicenseRenewed = licenseEvent('LicenseRenewed.v1', {
  previousExpiresAt: nullable(Instant),
  expiresAt: Instant,
  days: NonNegativeInt,
});
export const LicenseExpired = licenseEvent('LicenseExpired.v1', {
  /** The deadline (O7); `at` is when it was recorded. */
  expiredAt: Instant,
});
export const ThreatLevelRaised = licenseEvent('ThreatLevelRaised.v1', {
  reason: t.keyof({ 'geo-spread': null, 'machine-churn': null, admin: null }),
  detail: t.string,
});
export const ThreatLevelCleared = licenseEvent('ThreatLevelCleared.v1', { reason: RecordedText });
export const ReservedAccountsSet = licenseEvent('ReservedAccountsSet.v1', {
  usernames: t.array(RecordedUsername),
});

// ---- machines (M1-M4, T1, O3-O6) -------------------------------------------------------------

/** MachineActivated.v2's fields (v1 is read through its upcaster to v2). */
export const machineActivatedV1 = {
  activationId: Id,
  fingerprint: Fingerprint,
  /** False when the fingerprint already held an activation (M1: no new slot). */
  slotTaken: t.boolean,
  seats: Seats,
  country: nullable(CountryCode),
  token: TokenGrant,
};
/**
 * v1 and the machine's name, as the activation request gave it; null when it gave none (and
 * for every v1 event, upcast). v2 was first written only with a name: its null came with the
 * upcaster, so every stored v2 still decodes as it did.
 */
export const MachineActivated = licenseEvent('MachineActivated.v2', {
  ...machineActivatedV1,
  hostname: nullable(MachineName),
});
export const ActivationRefused = licenseEvent('ActivationRefused.v1', {
  fingerprint: Fingerprint,
  reason: RefusalReason,
  seats: Seats,
});
export const MachineDeactivated = licenseEvent('MachineDeactivated.v1', {
  activationId: Id,
  fingerprint: Fingerprint,
  reason: t.keyof({ self: null, admin: null, 'license-revoked': null }),
});
export const MachineTokenRefreshed = licenseEvent('MachineTokenRefreshed.v1', {
  activationId: Id,
  fingerprint: Fingerprint,
  /** The token presented, and why a new one was issued (O3). */
  previousTokenId: Id,
  reason: t.keyof({ 'refresh-window': null, 'status-changed': null }),
  token: TokenGrant,
});
export const ValidationRefused = licenseEvent('ValidationRefused.v1', {
  fingerprint: Fingerprint,
  tokenId: Id,
  reason: RefusalReason,
});

// ---- floating leases (F1-F7) ------------------------------------------------------------------

/** LeaseCheckedOut.v2's fields (v1 is read through its upcaster to v2). */
export const leaseCheckedOutV1 = {
  leaseId: Id,
  fingerprint: Fingerprint,
  expiresAt: Instant,
  seats: Seats,
  /** F6: the key and a hash of the request it was bound to (null via /activate). */
  idempotencyKey: nullable(IdempotencyKey),
  requestHash: nullable(Sha256Hex),
  via: t.keyof({ checkout: null, activation: null }),
  /** The machine token, when the lease was taken through /activate on a floating license. */
  token: nullable(TokenGrant),
};
/**
 * v1 and the machine's name (hostname), as the checkout or activation request gave it — on a
 * floating license a render node's seat is its lease (F7), and admins see it by name as they
 * see an activation's. Null when the request gave none, and for every v1 event, upcast.
 */
export const LeaseCheckedOut = licenseEvent('LeaseCheckedOut.v2', {
  ...leaseCheckedOutV1,
  hostname: nullable(MachineName),
});
export const CheckoutRefused = licenseEvent('CheckoutRefused.v1', {
  fingerprint: Fingerprint,
  reason: RefusalReason,
  seats: Seats,
});
export const LeaseHeartbeat = licenseEvent('LeaseHeartbeat.v1', {
  leaseId: Id,
  expiresAt: Instant,
  via: t.keyof({ heartbeat: null, activation: null, validation: null }),
  /** A new machine token (floating license renewed through /activate or /validate). */
  token: nullable(TokenGrant),
});
export const LeaseCheckedIn = licenseEvent('LeaseCheckedIn.v1', {
  leaseId: Id,
  idempotencyKey: nullable(IdempotencyKey),
  requestHash: nullable(Sha256Hex),
  via: t.keyof({ checkin: null, deactivation: null }),
});
export const LeaseExpired = licenseEvent('LeaseExpired.v1', {
  leaseId: Id,
  /** The timeout instant (F5): the lease stopped counting then; `at` is when it was recorded. */
  expiredAt: Instant,
});
export const LeaseReleased = licenseEvent('LeaseReleased.v1', {
  leaseId: Id,
  /** When the seat was freed: the license's deadline for an expiry, else `at`. */
  endedAt: Instant,
  reason: t.keyof({
    admin: null,
    'license-suspended': null,
    'license-revoked': null,
    'license-expired': null,
  }),
});

// ---- sessions (S1-S6) -------------------------------------------------------------------------

export const SessionKind = t.keyof({ interactive: null, service: null });
export type SessionKind = t.TypeOf<typeof SessionKind>;

export const SessionOpened = licenseEvent('SessionOpened.v1', {
  sessionId: Id,
  username: RecordedUsername,
  kind: SessionKind,
  /** S4: the account's reserved slot, or the shared pool. */
  pool: t.keyof({ reserved: null, shared: null }),
  expiresAt: Instant,
  /** S3: the absolute end of a service session; null for interactive ones. */
  hardExpiresAt: nullable(Instant),
  seats: Seats,
  shared: Seats,
});
export const SessionRefused = licenseEvent('SessionRefused.v1', {
  username: RecordedUsername,
  kind: SessionKind,
  reason: RefusalReason,
  seats: Seats,
  shared: Seats,
});
export const SessionActivityRecorded = licenseEvent('SessionActivityRecorded.v1', {
  sessionId: Id,
  expiresAt: Instant,
  /** S6: an external user served through this (service) session; takes no slot. */
  onBehalfOf: nullable(t.string),
});
export const SessionClosed = licenseEvent('SessionClosed.v1', {
  sessionId: Id,
  reason: t.keyof({
    logout: null,
    'idle-timeout': null,
    'max-lifetime': null,
    admin: null,
    'license-suspended': null,
    'license-revoked': null,
    'license-expired': null,
  }),
  /** When the slot was freed: the deadline for a timeout, else `at`. */
  endedAt: Instant,
});

// ---- refusal tallies (O5, U2) -----------------------------------------------------------------

/** Refusals not recorded one by one because an identical one was recorded within its window. */
export const RefusalsTallied = licenseEvent('RefusalsTallied.v1', {
  kind: t.keyof({ activation: null, checkout: null, session: null, validation: null }),
  reason: RefusalReason,
  count: NonNegativeInt,
  from: Instant,
  to: Instant,
});

export const LicenseEvent = t.union([
  LicenseIssued,
  LicenseSuspended,
  LicenseReinstated,
  LicenseRevoked,
  LicenseRenewed,
  LicenseExpired,
  ThreatLevelRaised,
  ThreatLevelCleared,
  ReservedAccountsSet,
  MachineActivated,
  ActivationRefused,
  MachineDeactivated,
  MachineTokenRefreshed,
  ValidationRefused,
  LeaseCheckedOut,
  CheckoutRefused,
  LeaseHeartbeat,
  LeaseCheckedIn,
  LeaseExpired,
  LeaseReleased,
  SessionOpened,
  SessionRefused,
  SessionActivityRecorded,
  SessionClosed,
  RefusalsTallied,
]);
export type LicenseEvent = t.TypeOf<typeof LicenseEvent>;
export type LicenseEventType = LicenseEvent['type'];
export type EventOf<T extends LicenseEventType> = Extract<LicenseEvent, { type: T }>;
export type RefusalKind = t.TypeOf<typeof RefusalsTallied>['data']['kind'];

export const licenseEventTypes: readonly LicenseEventType[] = LicenseEvent.types.map(
  (c) => c.props.type.value,
);

/** Refusal events (U2): the command was refused and the refusal recorded. */
export const isRefusal = (
  e: LicenseEvent,
): e is EventOf<
  'ActivationRefused.v1' | 'CheckoutRefused.v1' | 'SessionRefused.v1' | 'ValidationRefused.v1'
> =>
  e.type === 'ActivationRefused.v1' ||
  e.type === 'CheckoutRefused.v1' ||
  e.type === 'SessionRefused.v1' ||
  e.type === 'ValidationRefused.v1';
