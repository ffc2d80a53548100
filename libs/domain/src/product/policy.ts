import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { intRange } from '../shared/bounded';
import { NonNegativeInt, PositiveInt, defaulted, nullable } from '../shared/codecs';
import { domainError, type DomainError } from '../shared/errors';
import { firstProblem } from '../shared/problems';
import { policyLimits, type PolicyLimit } from './policy-limits';

/** How a policy's numbers are checked: bounded (decisions) or as once recorded (events). */
type NumberCodec = (limit: PolicyLimit) => t.Type<number, number, unknown>;

/** Default daily budget of refusal events per license (O5); beyond it refusals are tallied. */
export const DEFAULT_REFUSALS_PER_DAY = 10_000;

/** One definition of a policy's shape, built with either way of checking its numbers. */
const policyCodec = (n: NumberCodec, name: string) => {
  const floating = t.type({
    maxFloatingUsers: n('seats'),
    floatingTimeoutMinutes: n('floatingTimeoutMinutes'),
  });
  const sessions = t.type({
    maxSessions: n('seats'),
    interactiveIdleMinutes: n('sessionMinutes'),
    serviceMaxMinutes: n('sessionMinutes'),
  });
  return t.type(
    {
      licenseType: t.keyof({ 'per-machine': null, floating: null, site: null }),
      /** Seat cap for machine activations; null = unlimited (site). */
      maxMachines: nullable(n('seats')),
      /** License validity; null = perpetual (O7). */
      durationDays: nullable(n('durationDays')),
      /** Trial length when the license is issued as a trial (O7). */
      defaultTrialDays: nullable(n('trialDays')),
      /** Days a token stays valid — and the client may run offline on it — by status (O2, O3). */
      offlineDays: t.type({
        active: n('offlineDays'),
        degraded: n('offlineDays'),
        suspended: n('offlineDays'),
      }),
      /** A token this old (for the active lifetime; scaled for shorter ones) is refreshed (O3). */
      tokenRefreshAfterDays: n('tokenRefreshAfterDays'),
      /** Floating overlay (seed 001): concurrent leases with heartbeat, on top of any policy. */
      floating: nullable(floating),
      /** Session overlay (seed 000): user / service-account sessions occupying slots. */
      sessions: nullable(sessions),
      /** O5: attempts per window per key. */
      activationRateLimit: t.type({
        maxAttempts: n('activationAttempts'),
        windowMinutes: n('activationWindowMinutes'),
      }),
      /** O6: distinct countries among active machines above which the threat level rises. */
      geoSpread: t.type({ enabled: t.boolean, maxCountries: n('countries') }),
      /** O6: seat moves (deactivations) within the window at which the threat level rises. */
      machineChurn: t.type({
        enabled: t.boolean,
        maxDeactivations: n('deactivations'),
        windowDays: n('churnWindowDays'),
      }),
      /**
       * O5/U2: a refusal of the same client (fingerprint or user) for the same reason is
       * recorded at most once per window, at most maxPerWindow refusals per kind and reason,
       * and at most maxPerDay refusals per license a day; the rest are refused without an
       * event and tallied (RefusalsTallied.v1). maxPerDay was added later: older policies
       * read with the default.
       */
      refusalLog: t.type({
        windowSeconds: n('refusalWindowSeconds'),
        maxPerWindow: n('refusalsPerWindow'),
        maxPerDay: defaulted(n('refusalsPerDay'), DEFAULT_REFUSALS_PER_DAY),
      }),
      /** F6: how long an Idempotency-Key is remembered (at least 24 hours). */
      idempotencyRetentionHours: n('idempotencyRetentionHours'),
    },
    name,
  );
};

/**
 * A variant's policy (seed 002 "Variants"). Every number is a per-policy setting within the
 * bounds of policy-limits.ts; the seeds' values are the defaults. Copied into the license when
 * it is issued, so a license's decisions need nothing but its own stream.
 */
export const Policy = policyCodec((limit) => {
  const [min, max] = policyLimits[limit];
  return intRange(min, max);
}, 'Policy');
export type Policy = t.TypeOf<typeof Policy>;

/**
 * A policy as events and snapshots carry it: every policy ever recorded decodes, including
 * one recorded before the bounds existed (an event log is forever). Decisions never produce
 * one outside the bounds: validatePolicy checks them.
 */
export const RecordedPolicy = policyCodec(
  (limit) => (policyLimits[limit][0] === 0 ? NonNegativeInt : PositiveInt),
  'RecordedPolicy',
);

export type FloatingOverlay = NonNullable<Policy['floating']>;
export type SessionOverlay = NonNullable<Policy['sessions']>;
export type OfflineDays = Policy['offlineDays'];

export const defaultPolicyFields = {
  durationDays: 365,
  defaultTrialDays: null,
  offlineDays: { active: 30, degraded: 1, suspended: 3 },
  tokenRefreshAfterDays: 23,
  floating: null,
  sessions: null,
  activationRateLimit: { maxAttempts: 15, windowMinutes: 60 },
  geoSpread: { enabled: true, maxCountries: 3 },
  machineChurn: { enabled: true, maxDeactivations: 10, windowDays: 30 },
  refusalLog: { windowSeconds: 60, maxPerWindow: 600, maxPerDay: DEFAULT_REFUSALS_PER_DAY },
  idempotencyRetentionHours: 24,
} as const satisfies Partial<Policy>;

export const defaultFloating: FloatingOverlay = {
  maxFloatingUsers: 10,
  floatingTimeoutMinutes: 15,
};
export const defaultSessions: SessionOverlay = {
  maxSessions: 10,
  interactiveIdleMinutes: 20,
  serviceMaxMinutes: 60,
};

/**
 * Rules a policy must satisfy: every number within its bounds (so no decision derived from it
 * can write an event that does not read back), and the rules across fields (the seed
 * conflict resolution lives here).
 */
export const validatePolicy = (p: Policy): E.Either<DomainError, Policy> => {
  const fail = (m: string) => E.left(domainError('INVALID_POLICY', m));
  const bounded = Policy.decode(p);
  if (E.isLeft(bounded)) return fail(firstProblem(bounded.left, 'policy'));
  if (p.licenseType === 'site' && p.maxMachines !== null)
    return fail('a site policy has no machine cap (maxMachines must be null)');
  if (p.licenseType === 'per-machine' && p.maxMachines === null)
    return fail('a per-machine policy needs maxMachines');
  if (p.licenseType === 'floating' && p.floating === null)
    return fail('a floating policy needs the floating overlay (maxFloatingUsers)');
  if (p.licenseType === 'floating' && p.maxMachines !== null)
    return fail('a floating policy caps leases with floating.maxFloatingUsers, not maxMachines');
  if (p.tokenRefreshAfterDays > p.offlineDays.active && p.offlineDays.active > 0)
    return fail('tokenRefreshAfterDays must not exceed offlineDays.active');
  if (p.licenseType === 'site' && p.geoSpread.enabled)
    return fail('geo-spread detection is off for site licenses (T2)');
  return E.right(bounded.right);
};
