import * as E from 'fp-ts/Either';
import { LicenseEvent } from '../license/license.events';
import { RecordedPolicy, validatePolicy, type Policy } from './policy';
import { policyLimits } from './policy-limits';
import { presets } from './presets';
import { given } from '../testing/license-spec';
import { T0, at, commands as c, issued, policyOf } from '../testing/fixtures';

const invalid = (p: unknown): string => {
  const r = validatePolicy(p as Policy);
  if (E.isRight(r)) throw new Error('expected INVALID_POLICY');
  expect(r.left.code).toBe('INVALID_POLICY');
  return r.left.message;
};

/** Every number of a policy at its upper bound (a valid, if extreme, policy). */
export const extremePolicy = (): Policy => ({
  licenseType: 'per-machine',
  maxMachines: policyLimits.seats[1],
  durationDays: policyLimits.durationDays[1],
  defaultTrialDays: policyLimits.trialDays[1],
  offlineDays: { active: 3_650, degraded: 3_650, suspended: 3_650 },
  tokenRefreshAfterDays: 3_650,
  floating: { maxFloatingUsers: 1_000_000, floatingTimeoutMinutes: 10_080 },
  sessions: { maxSessions: 1_000_000, interactiveIdleMinutes: 10_080, serviceMaxMinutes: 10_080 },
  activationRateLimit: { maxAttempts: 10_000, windowMinutes: 10_080 },
  geoSpread: { enabled: true, maxCountries: 250 },
  machineChurn: { enabled: true, maxDeactivations: 10_000, windowDays: 3_650 },
  refusalLog: { windowSeconds: 86_400, maxPerWindow: 100_000, maxPerDay: 1_000_000 },
  idempotencyRetentionHours: 8_760,
});

describe('policy bounds: no policy can decide an event that does not read back (A1)', () => {
  it('O7: a term of 3,000,000 days is refused, naming the field and the limit', () => {
    expect(invalid({ ...presets.indie, durationDays: 3_000_000 })).toBe(
      'policy.durationDays must be an integer from 1 to 36525',
    );
    expect(invalid({ ...presets.indie, durationDays: 1e15 })).toMatch(/^policy\.durationDays/);
  });

  it('F5: a floating timeout of 5e9 minutes is refused; 1 minute to 7 days is the range', () => {
    const floating = (m: number) => ({
      ...presets['render-farm'],
      floating: { maxFloatingUsers: 5, floatingTimeoutMinutes: m },
    });
    expect(invalid(floating(5e9))).toBe(
      'policy.floating.floatingTimeoutMinutes must be an integer from 1 to 10080',
    );
    expect(E.isRight(validatePolicy(floating(10_080)))).toBe(true);
    expect(E.isLeft(validatePolicy(floating(0)))).toBe(true);
  });

  it('S2: an idle limit of 5e9 minutes is refused', () => {
    expect(
      invalid({
        ...presets.studio,
        sessions: { maxSessions: 3, interactiveIdleMinutes: 5e9, serviceMaxMinutes: 60 },
      }),
    ).toBe('policy.sessions.interactiveIdleMinutes must be an integer from 1 to 10080');
  });

  it('O2: offline days beyond 3650 are refused', () => {
    expect(
      invalid({ ...presets.indie, offlineDays: { active: 3e6, degraded: 1, suspended: 3 } }),
    ).toBe('policy.offlineDays.active must be an integer from 0 to 3650');
  });

  it('F4: seat caps beyond 1,000,000 are refused (3e9 would overflow a 32-bit column)', () => {
    expect(invalid({ ...presets.indie, maxMachines: 3e9 })).toMatch(
      /^policy\.maxMachines must be an integer from 1 to 1000000/,
    );
    expect(invalid({ ...presets.indie, maxMachines: 2.5 })).toMatch(/^policy\.maxMachines/);
  });

  it('A1: a policy with every number at its upper bound is valid, and its decisions decode', () => {
    const policy = extremePolicy();
    expect(validatePolicy(policy)).toEqual(E.right(policy));
    const license = issued(policy);
    expect(E.isRight(LicenseEvent.decode(license))).toBe(true);
    // given() decodes every event it decides with its codec.
    given(license)
      .when(c.checkout('L1'), at({ d: 36_000 }))
      .then({ type: 'LeaseCheckedOut.v2' });
    given(license)
      .when(c.activate('ws'), at({ d: 36_000 }))
      .then({ type: 'MachineActivated.v2' });
    given(license)
      .when(c.open('S1', 'ann'), at({ d: 36_000 }))
      .then({ type: 'SessionOpened.v1' });
    given(license)
      .when(c.renew(36_525), at({ d: 36_600 }))
      .then({ type: 'LicenseExpired.v1' }, { type: 'LicenseRenewed.v1' });
  });

  it('O7: renewals cannot push the end more than 100 years past now', () => {
    const license = issued(policyOf('indie'));
    given(license).when(c.renew(36_525), T0).thenError('INVALID_COMMAND');
    const stacked = given(license).when(c.renew(36_000), T0).events;
    given(license, ...stacked)
      .when(c.renew(36_000), at({ d: 1 }))
      .thenError('INVALID_COMMAND');
  });

  it('A1: a policy recorded before the bounds still reads back, and its decisions decode', () => {
    const legacy = {
      ...presets['render-farm'],
      refusalLog: { windowSeconds: 60, maxPerWindow: 600 },
      floating: { maxFloatingUsers: 3e9, floatingTimeoutMinutes: 5e9 },
    };
    const decoded = RecordedPolicy.decode(legacy);
    expect(E.isRight(decoded) && decoded.right.refusalLog.maxPerDay).toBe(10_000);
    const license = issued(legacy as unknown as Policy);
    expect(E.isRight(LicenseEvent.decode(license))).toBe(true);
    // The lease would end past year 9999: its expiry is pinned to the last instant an event
    // can carry, so the event still decodes (given() checks) and the license keeps working.
    given(license)
      .when(c.checkout('L1'), T0)
      .then({ type: 'LeaseCheckedOut.v2', data: { expiresAt: '9999-12-31T23:59:59.999Z' } });
  });
});
