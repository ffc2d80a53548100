import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { NonNegativeInt, PositiveInt, nullable } from '../shared/codecs';
import { domainError, type DomainError } from '../shared/errors';

/** Floating overlay (seed 001): concurrent leases with heartbeat, on top of any policy. */
export const FloatingOverlay = t.type({
  maxFloatingUsers: PositiveInt,
  floatingTimeoutMinutes: PositiveInt,
});
export type FloatingOverlay = t.TypeOf<typeof FloatingOverlay>;

/** Session overlay (seed 000): user / service-account sessions occupying slots. */
export const SessionOverlay = t.type({
  maxSessions: PositiveInt,
  interactiveIdleMinutes: PositiveInt,
  serviceMaxMinutes: PositiveInt,
});
export type SessionOverlay = t.TypeOf<typeof SessionOverlay>;

/** Days a token stays valid — and the client may run offline on it — by license status (O2, O3). */
export const OfflineDays = t.type({
  active: NonNegativeInt,
  degraded: NonNegativeInt,
  suspended: NonNegativeInt,
});
export type OfflineDays = t.TypeOf<typeof OfflineDays>;

/**
 * A variant's policy (seed 002 "Variants"). Every number is a per-policy setting; the seeds'
 * values are the defaults. Copied into the license when it is issued, so a license's decisions
 * need nothing but its own stream.
 */
export const Policy = t.type({
  licenseType: t.keyof({ 'per-machine': null, floating: null, site: null }),
  /** Seat cap for machine activations; null = unlimited (site). */
  maxMachines: nullable(PositiveInt),
  /** License validity; null = perpetual (O7). */
  durationDays: nullable(PositiveInt),
  /** Trial length when the license is issued as a trial (O7). */
  defaultTrialDays: nullable(PositiveInt),
  offlineDays: OfflineDays,
  /** A token this old (for the active lifetime; scaled for shorter ones) is refreshed (O3). */
  tokenRefreshAfterDays: PositiveInt,
  floating: nullable(FloatingOverlay),
  sessions: nullable(SessionOverlay),
  /** O5: attempts per window per key. */
  activationRateLimit: t.type({ maxAttempts: PositiveInt, windowMinutes: PositiveInt }),
  /** O6: distinct countries among active machines above which the threat level rises. */
  geoSpread: t.type({ enabled: t.boolean, maxCountries: PositiveInt }),
  /** O6: seat moves (deactivations) within the window at which the threat level rises. */
  machineChurn: t.type({
    enabled: t.boolean,
    maxDeactivations: PositiveInt,
    windowDays: PositiveInt,
  }),
  /**
   * O5/U2: a refusal of the same client (fingerprint or user) for the same reason is recorded
   * at most once per window, and at most maxPerWindow refusals per kind and reason; the rest
   * are refused without an event and tallied (RefusalsTallied.v1).
   */
  refusalLog: t.type({ windowSeconds: NonNegativeInt, maxPerWindow: PositiveInt }),
  /** F6: how long an Idempotency-Key is remembered (at least 24 hours). */
  idempotencyRetentionHours: PositiveInt,
});
export type Policy = t.TypeOf<typeof Policy>;

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
  refusalLog: { windowSeconds: 60, maxPerWindow: 600 },
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

/** Rules a policy must satisfy beyond its shape (the seed conflict resolution lives here). */
export const validatePolicy = (p: Policy): E.Either<DomainError, Policy> => {
  const fail = (m: string) => E.left(domainError('INVALID_POLICY', m));
  if (p.licenseType === 'site' && p.maxMachines !== null)
    return fail('a site policy has no machine cap (maxMachines must be null)');
  if (p.licenseType === 'per-machine' && p.maxMachines === null)
    return fail('a per-machine policy needs maxMachines');
  if (p.licenseType === 'floating' && p.floating === null)
    return fail('a floating policy needs the floating overlay (maxFloatingUsers)');
  if (p.licenseType === 'floating' && p.maxMachines !== null)
    return fail('a floating policy caps leases with floating.maxFloatingUsers, not maxMachines');
  if (p.idempotencyRetentionHours < 24)
    return fail('idempotency keys are kept for at least 24 hours');
  if (p.tokenRefreshAfterDays > p.offlineDays.active && p.offlineDays.active > 0)
    return fail('tokenRefreshAfterDays must not exceed offlineDays.active');
  if (p.licenseType === 'site' && p.geoSpread.enabled)
    return fail('geo-spread detection is off for site licenses (T2)');
  return E.right(p);
};
