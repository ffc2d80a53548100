import * as t from 'io-ts';
import { Actor } from '../shared/actor';
import {
  CountryCode,
  Fingerprint,
  Id,
  IdempotencyKey,
  Instant,
  MachineName,
  NonEmptyText,
  PositiveInt,
  Sha256Hex,
  Username,
  nullable,
} from '../shared/codecs';
import { Policy } from '../product/policy';
import { RefusalReason, SessionKind } from './license.events';

/** Every command names its license and its actor. New ids arrive in the command. */
const command = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), licenseId: Id, actor: Actor, ...props }, type);

// ---- lifecycle (admin) ------------------------------------------------------------------------
export const IssueLicense = command('IssueLicense', {
  productId: Id,
  variantId: Id,
  /** The variant's policy at issue time, with any per-license seat overrides applied. */
  policy: Policy,
  keyHash: Sha256Hex,
  licensee: nullable(NonEmptyText),
  trial: t.boolean,
});
export const SuspendLicense = command('SuspendLicense', { reason: NonEmptyText });
export const ReinstateLicense = command('ReinstateLicense', { reason: NonEmptyText });
export const RevokeLicense = command('RevokeLicense', { reason: NonEmptyText });
export const RenewLicense = command('RenewLicense', {
  /** Days to add; null = the policy's durationDays. */
  days: nullable(PositiveInt),
});
export const RaiseThreatLevel = command('RaiseThreatLevel', { detail: NonEmptyText });
export const ClearThreatLevel = command('ClearThreatLevel', { reason: NonEmptyText });
export const SetReservedAccounts = command('SetReservedAccounts', {
  usernames: t.array(Username),
});

// ---- machines ---------------------------------------------------------------------------------
export const ActivateMachine = t.intersection(
  [
    command('ActivateMachine', {
      fingerprint: Fingerprint,
      /** Used if this fingerprint takes a new slot (or a lease, on a floating license). */
      activationId: Id,
      tokenId: Id,
      country: nullable(CountryCode),
    }),
    /** The machine's name (its hostname), if the client sends one: shown to admins. */
    t.partial({ hostname: nullable(MachineName) }),
  ],
  'ActivateMachine',
);
export const DeactivateMachine = command('DeactivateMachine', { fingerprint: Fingerprint });
export const RevokeActivation = command('RevokeActivation', { activationId: Id });
/** The claims of a token whose signature the caller has verified. */
export const ValidateMachine = command('ValidateMachine', {
  fingerprint: Fingerprint,
  activationId: Id,
  tokenId: Id,
  tokenIssuedAt: Instant,
  tokenExpiresAt: Instant,
  /** Used if a new token is issued. */
  newTokenId: Id,
});

// ---- floating ---------------------------------------------------------------------------------
export const CheckoutLease = command('CheckoutLease', {
  leaseId: Id,
  fingerprint: Fingerprint,
  idempotencyKey: IdempotencyKey,
  requestHash: Sha256Hex,
});
export const HeartbeatLease = command('HeartbeatLease', { leaseId: Id });
export const CheckinLease = command('CheckinLease', {
  leaseId: Id,
  idempotencyKey: IdempotencyKey,
  requestHash: Sha256Hex,
});
export const ReleaseLease = command('ReleaseLease', { leaseId: Id });

// ---- sessions ---------------------------------------------------------------------------------
export const OpenSession = command('OpenSession', {
  sessionId: Id,
  username: Username,
  kind: SessionKind,
});
export const RecordSessionActivity = command('RecordSessionActivity', {
  sessionId: Id,
  /** S5: if given, must be the session's own user. */
  username: nullable(Username),
  /** S6: the external user a service session acts for. */
  onBehalfOf: nullable(t.string),
});
export const CloseSession = command('CloseSession', { sessionId: Id });
export const EndSession = command('EndSession', { sessionId: Id });

// ---- housekeeping -----------------------------------------------------------------------------
/** Record every expiry already in effect (F5, S2, S3, O7). Never needed for a seat decision. */
export const SettleOverdue = command('SettleOverdue', {});
export const TallyRefusals = command('TallyRefusals', {
  kind: t.keyof({ activation: null, checkout: null, session: null, validation: null }),
  reason: RefusalReason,
  count: PositiveInt,
  from: Instant,
  to: Instant,
});

export const LicenseCommand = t.union([
  IssueLicense,
  SuspendLicense,
  ReinstateLicense,
  RevokeLicense,
  RenewLicense,
  RaiseThreatLevel,
  ClearThreatLevel,
  SetReservedAccounts,
  ActivateMachine,
  DeactivateMachine,
  RevokeActivation,
  ValidateMachine,
  CheckoutLease,
  HeartbeatLease,
  CheckinLease,
  ReleaseLease,
  OpenSession,
  RecordSessionActivity,
  CloseSession,
  EndSession,
  SettleOverdue,
  TallyRefusals,
]);
export type LicenseCommand = t.TypeOf<typeof LicenseCommand>;
export type CommandOf<T extends LicenseCommand['type']> = Extract<LicenseCommand, { type: T }>;
