import { DAY, toIso } from '../shared/time';
import { given, run } from '../testing/license-spec';
import { T0, at, commands as c, event, issued, policyOf } from '../testing/fixtures';
import type { IssuedLicense, LicenseState } from './license.state';
import { statusAt } from './status';
import { offlineAllowanceMs } from './tokens';

const studio = issued(policyOf('studio'));
const activatedAt = (when: number, status: 'active' | 'degraded' = 'active') =>
  event('MachineActivated.v2', when, {
    hostname: null,
    activationId: 'act-ws',
    fingerprint: 'ws',
    slotTaken: true,
    seats: { inUse: 1, limit: 10 },
    country: null,
    token: {
      tokenId: 'tok-1',
      issuedAt: toIso(when),
      expiresAt: toIso(when + (status === 'active' ? 30 : 1) * DAY),
      status,
    },
  });
const token30 = { tokenId: 'tok-1', issuedAt: T0, expiresAt: T0 + 30 * DAY };
const asIssued = (s: LicenseState) => s as IssuedLicense;

describe('tokens, status and offline use', () => {
  it('O2: the offline allowance is 30 days active, 1 degraded, 3 suspended, 0 revoked', () => {
    const s = asIssued(run([studio], []).state);
    expect(offlineAllowanceMs(s, 'active')).toBe(30 * DAY);
    expect(offlineAllowanceMs(s, 'degraded')).toBe(1 * DAY);
    expect(offlineAllowanceMs(s, 'suspended')).toBe(3 * DAY);
    expect(offlineAllowanceMs(s, 'revoked')).toBe(0);
    expect(offlineAllowanceMs(s, 'expired')).toBe(0);
  });

  it('O3: a token 0 to 23 days old is returned as is', () => {
    given(studio, activatedAt(T0))
      .when(c.validate('ws', token30), at({ d: 1 }))
      .thenNothing();
    given(studio, activatedAt(T0))
      .when(c.validate('ws', token30), at({ d: 23, ms: -1 }))
      .thenNothing();
  });

  it('O3: a token 23 to 30 days old is replaced by a new 30-day token', () => {
    given(studio, activatedAt(T0))
      .when(c.validate('ws', token30), at({ d: 23 }))
      .then({
        type: 'MachineTokenRefreshed.v1',
        data: {
          previousTokenId: 'tok-1',
          reason: 'refresh-window',
          token: {
            tokenId: 'tok-1-r',
            issuedAt: toIso(at({ d: 23 })),
            expiresAt: toIso(at({ d: 53 })),
            status: 'active',
          },
        },
      });
  });

  it('O3: an expired token must re-activate', () => {
    given(studio, activatedAt(T0))
      .when(c.validate('ws', token30), at({ d: 30 }))
      .then({ type: 'ValidationRefused.v1', data: { reason: 'TOKEN_EXPIRED' } });
  });

  it('O3: validity follows the threat level: a degraded license gets 1-day tokens at once', () => {
    given(
      studio,
      activatedAt(T0),
      event('ThreatLevelRaised.v1', at({ d: 2 }), { reason: 'admin', detail: 'x' }),
    )
      .when(c.validate('ws', token30), at({ d: 3 }))
      .then({
        type: 'MachineTokenRefreshed.v1',
        data: {
          reason: 'status-changed',
          token: { status: 'degraded', expiresAt: toIso(at({ d: 4 })) },
        },
      });
  });

  it('O3: a token never outlives the license', () => {
    const short = issued(policyOf('studio', { durationDays: 10 }));
    given(short)
      .when(c.activate('ws'), T0)
      .then({ type: 'MachineActivated.v2', data: { token: { expiresAt: toIso(at({ d: 10 })) } } });
  });

  it('O4: a revoked license is refused online at once, though its token has not expired', () => {
    const revoked = run([studio, activatedAt(T0)], [[c.revoke(), at({ h: 1 })]]).events;
    given(...revoked)
      .when(c.validate('ws', token30), at({ h: 2 }))
      .then({ type: 'ValidationRefused.v1', data: { reason: 'LICENSE_REVOKED' } });
  });

  it('O4: a suspended license is refused online', () => {
    const suspended = run([studio, activatedAt(T0)], [[c.suspend(), at({ h: 1 })]]).events;
    given(...suspended)
      .when(c.validate('ws', token30), at({ h: 2 }))
      .then({ type: 'ValidationRefused.v1', data: { reason: 'LICENSE_SUSPENDED' } });
  });

  it('O4: a machine whose activation was revoked is refused online', () => {
    const moved = run(
      [studio, activatedAt(T0)],
      [[c.revokeActivation('act-ws'), at({ h: 1 })]],
    ).events;
    given(...moved)
      .when(c.validate('ws', token30), at({ h: 2 }))
      .then({ type: 'ValidationRefused.v1', data: { reason: 'ACTIVATION_NOT_FOUND' } });
  });

  it('O7: a license expires after durationDays, at that instant, before anything is recorded', () => {
    const s = asIssued(run([studio], []).state);
    expect(statusAt(s, at({ d: 365, ms: -1 }))).toBe('active');
    expect(statusAt(s, at({ d: 365 }))).toBe('expired');
    given(studio)
      .when(c.activate('ws'), at({ d: 365 }))
      .then(
        { type: 'LicenseExpired.v1', data: { expiredAt: toIso(at({ d: 365 })) } },
        { type: 'ActivationRefused.v1', data: { reason: 'LICENSE_EXPIRED' } },
      );
  });

  it('O7: the sweeper records the expiry once and frees whatever was live at the deadline', () => {
    const farm = issued(policyOf('render-farm', { durationDays: 1 }));
    const h = run([farm], [[c.checkout('L1'), at({ d: 1, m: -5 })]]);
    const swept = given(...h.events)
      .when(c.settle(), at({ d: 2 }))
      .then(
        { type: 'LicenseExpired.v1' },
        {
          type: 'LeaseReleased.v1',
          data: { leaseId: 'L1', reason: 'license-expired', endedAt: toIso(at({ d: 1 })) },
        },
      );
    given(...h.events, ...swept.events)
      .when(c.settle(), at({ d: 3 }))
      .thenNothing();
  });

  it('O7: a trial lasts defaultTrialDays on one machine', () => {
    const trial = issued(policyOf('trial'), T0, { trial: true });
    const s = asIssued(run([trial], []).state);
    expect(s.policy.maxMachines).toBe(1);
    const h = run(
      [{ ...trial, data: { ...trial.data, expiresAt: toIso(at({ d: 14 })) } }],
      [
        [c.activate('laptop'), T0],
        [c.activate('desktop'), at({ m: 1 })],
        [c.activate('laptop', 2), at({ d: 14 })],
      ],
    );
    expect(
      h.events.slice(1).map((e) => [e.type, 'reason' in e.data ? e.data.reason : null]),
    ).toEqual([
      ['MachineActivated.v2', null],
      ['ActivationRefused.v1', 'SEATS_EXHAUSTED'],
      ['LicenseExpired.v1', null],
      ['ActivationRefused.v1', 'LICENSE_EXPIRED'],
    ]);
  });

  it('O7: issuing a trial sets its end to defaultTrialDays after issue', () => {
    given()
      .when(
        {
          type: 'IssueLicense',
          licenseId: 'lic-1',
          actor: { kind: 'admin', id: 'alice' },
          productId: 'p',
          variantId: 'trial',
          policy: policyOf('trial'),
          keyHash: 'b'.repeat(64),
          licensee: null,
          trial: true,
        },
        T0,
      )
      .then({
        type: 'LicenseIssued.v1',
        data: { trial: true, expiresAt: toIso(at({ d: 14 })), policy: { maxMachines: 1 } },
      });
  });

  it('O7: renewal extends from the later of now and the end date, and revives an expired license', () => {
    const h = run([studio], [[c.renew(30), at({ d: 400 })]]);
    expect(h.events.slice(1).map((e) => e.type)).toEqual([
      'LicenseExpired.v1',
      'LicenseRenewed.v1',
    ]);
    expect(statusAt(asIssued(h.state), at({ d: 401 }))).toBe('active');
    expect(asIssued(h.state).expiresAt).toBe(at({ d: 430 }));
  });
});
