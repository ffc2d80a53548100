import fc from 'fast-check';
import {
  Text,
  Username,
  policyLimits,
  validatePolicy,
  type Policy,
  type PolicyLimit,
} from '@lic/domain';

/** A policy number: often its bounds (the extremes the read side must take), else typical. */
const n = (limit: PolicyLimit, typical: number[] = []) => {
  const [min, max] = policyLimits[limit];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(min, max) },
    { weight: 1, arbitrary: fc.constantFrom(...typical.filter((v) => v >= min && v <= max), min) },
    { weight: 1, arbitrary: fc.integer({ min, max }) },
  );
};

const floating = fc.record({
  maxFloatingUsers: n('seats', [1, 2, 10]),
  floatingTimeoutMinutes: n('floatingTimeoutMinutes', [15]),
});
const sessions = fc.record({
  maxSessions: n('seats', [1, 3]),
  interactiveIdleMinutes: n('sessionMinutes', [20]),
  serviceMaxMinutes: n('sessionMinutes', [60]),
});

/** Every valid policy shape, its numbers at or within the bounds (validatePolicy accepts it). */
export const policyArb: fc.Arbitrary<Policy> = fc
  .record({
    licenseType: fc.constantFrom('per-machine' as const, 'floating' as const, 'site' as const),
    maxMachines: n('seats', [1, 2, 10]),
    durationDays: fc.option(n('durationDays', [365]), { nil: null }),
    defaultTrialDays: fc.option(n('trialDays', [14]), { nil: null }),
    offlineDays: fc.record({
      active: n('offlineDays', [30]),
      degraded: n('offlineDays', [1]),
      suspended: n('offlineDays', [3]),
    }),
    tokenRefreshAfterDays: n('tokenRefreshAfterDays', [23]),
    floating: fc.option(floating, { nil: null }),
    sessions: fc.option(sessions, { nil: null }),
    activationRateLimit: fc.record({
      maxAttempts: n('activationAttempts', [15]),
      windowMinutes: n('activationWindowMinutes', [60]),
    }),
    geoSpread: fc.record({ enabled: fc.boolean(), maxCountries: n('countries', [3]) }),
    machineChurn: fc.record({
      enabled: fc.boolean(),
      maxDeactivations: n('deactivations', [10]),
      windowDays: n('churnWindowDays', [30]),
    }),
    refusalLog: fc.record({
      windowSeconds: n('refusalWindowSeconds', [60]),
      maxPerWindow: n('refusalsPerWindow', [600]),
      maxPerDay: n('refusalsPerDay', [10_000]),
    }),
    idempotencyRetentionHours: n('idempotencyRetentionHours', [24]),
  })
  .map((p): Policy => {
    // Shape it into a valid policy: the cross-field rules of validatePolicy.
    const type = p.licenseType;
    const active = p.offlineDays.active;
    return {
      ...p,
      maxMachines: type === 'per-machine' ? p.maxMachines : null,
      floating:
        type === 'floating'
          ? (p.floating ?? { maxFloatingUsers: 2, floatingTimeoutMinutes: 15 })
          : p.floating,
      geoSpread: type === 'site' ? { ...p.geoSpread, enabled: false } : p.geoSpread,
      tokenRefreshAfterDays:
        active > 0 ? Math.min(p.tokenRefreshAfterDays, active) : p.tokenRefreshAfterDays,
    };
  })
  .filter((p) => validatePolicy(p)._tag === 'Right');

/** Free text an admin may type: up to 500 characters of any script, at the bound too. */
export const textArb: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.constantFrom(
      'x'.repeat(500),
      '🙂'.repeat(250),
      'Ünïcødé — 東京 — עברית',
      "O'Brien; DROP TABLE licenses; --",
    ),
  )
  .filter((s) => Text.is(s));

/** A user name: up to 128 characters, at the bound too. */
export const usernameArb: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom('ann', 'bob', 'svc-render', 'u'.repeat(128), 'Zoë Ångström', '用户'),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }),
  )
  .filter((s) => Username.is(s));
