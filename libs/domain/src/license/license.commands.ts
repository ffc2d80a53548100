import * as t from 'io-ts';
import { Actor } from '../shared/actor';
import {
  CountryCode,
  Fingerprint,
  Id,
  IdempotencyKey,
  Instant,
  MachineName,
  Sha256Hex,
  Text,
  Username,
  nullable,
} from '../shared/codecs';
import { arrayOf, intRange } from '../shared/bounded';
import { policyLimits } from '../product/policy-limits';
import { Policy } from '../product/policy';
import { RefusalReason, SessionKind } from './license.events';

/** S4: at most this many reserved accounts in one request (each still needs a slot). */
export const MAX_RESERVED_ACCOUNTS = 10_000;

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
  licensee: nullable(Text),
  trial: t.boolean,
});
export const SuspendLicense = command('SuspendLicense', { reason: Text });
export const ReinstateLicense = command('ReinstateLicense', { reason: Text });
export const RevokeLicense = command('RevokeLicense', { reason: Text });
export const RenewLicense = command('RenewLicense', {
  /** Days to add; null = the policy's durationDays. */
  days: nullable(intRange(...policyLimits.durationDays)),
});
export const RaiseThreatLevel = command('RaiseThreatLevel', { detail: Text });
export const ClearThreatLevel = command('ClearThreatLevel', { reason: Text });
export const SetReservedAccounts = command('SetReservedAccounts', {
  usernames: arrayOf(Username, MAX_RESERVED_ACCOUNTS),
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
export const CheckoutLease = t.intersection(
  [
    command('CheckoutLease', {
      leaseId: Id,
      fingerprint: Fingerprint,
      idempotencyKey: IdempotencyKey,
      requestHash: Sha256Hex,
    }),
    /** The machine's name (its hostname), if the client sends one: shown to admins. */
    t.partial({ hostname: nullable(MachineName) }),
  ],
  'CheckoutLease',
);
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
  /** S6: the external user a service session acts for (a user name, bounded like one). */
  onBehalfOf: nullable(Username),
});
export const CloseSession = command('CloseSession', { sessionId: Id });
export const EndSession = command('EndSession', { sessionId: Id });

// ---- housekeeping -----------------------------------------------------------------------------
/** Record every expiry already in effect (F5, S2, S3, O7). Never needed for a seat decision. */
export const SettleOverdue = command('SettleOverdue', {});
/** U2: refusals counted but not recorded one by one (O5), for one license, as one decision. */
export const TallyRefusals = command('TallyRefusals', {
  tallies: t.array(
    t.type({
      kind: t.keyof({ activation: null, checkout: null, session: null, validation: null }),
      reason: RefusalReason,
      count: intRange(1, Number.MAX_SAFE_INTEGER),
      from: Instant,
      to: Instant,
    }),
  ),
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
