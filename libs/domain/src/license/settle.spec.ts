import { toIso } from '../shared/time';
import { given, run } from '../testing/license-spec';
import {
  T0,
  at,
  commands as c,
  event,
  floatingPolicy,
  issued,
  policyOf,
} from '../testing/fixtures';
import type { IssuedLicense } from './license.state';
import { nextDeadline } from './settle';

/** A 1-day license with a floating overlay (cap 3, 15 min) and sessions (cap 3, 20 min idle). */
const oneDay = issued(
  policyOf('studio', {
    durationDays: 1,
    floating: { maxFloatingUsers: 3, floatingTimeoutMinutes: 15 },
    sessions: { maxSessions: 3, interactiveIdleMinutes: 20, serviceMaxMinutes: 60 },
  }),
);
const lease = (leaseId: string, when: number) =>
  event('LeaseCheckedOut.v2', when, {
    hostname: null,
    leaseId,
    fingerprint: `fp-${leaseId}`,
    expiresAt: toIso(when + 15 * 60_000),
    seats: { inUse: 1, limit: 3 },
    idempotencyKey: `key-${leaseId}`,
    requestHash: '1'.padStart(64, '0'),
    via: 'checkout',
    token: null,
  });

describe('expiries (settle)', () => {
  it('O7, F5, S2: at the license end, holders still live are released at that instant; one that timed out before expires at its own deadline', () => {
    const end = at({ d: 1 });
    const h = run(
      [oneDay],
      [
        [c.open('s-early', 'bob'), end - 30 * 60_000],
        [c.checkout('early'), end - 20 * 60_000],
        [c.checkout('late'), end - 12 * 60_000],
        [c.open('s-late', 'ann'), end - 11 * 60_000],
      ],
    );
    given(...h.events)
      .when(c.settle(), end + 5 * 60_000)
      .then(
        {
          type: 'SessionClosed.v1',
          data: { sessionId: 's-early', reason: 'idle-timeout', endedAt: toIso(end - 10 * 60_000) },
        },
        { type: 'LeaseExpired.v1', data: { leaseId: 'early', expiredAt: toIso(end - 5 * 60_000) } },
        { type: 'LicenseExpired.v1', data: { expiredAt: toIso(end) } },
        {
          type: 'LeaseReleased.v1',
          data: { leaseId: 'late', reason: 'license-expired', endedAt: toIso(end) },
        },
        {
          type: 'SessionClosed.v1',
          data: { sessionId: 's-late', reason: 'license-expired', endedAt: toIso(end) },
        },
      );
  });

  it('S2, S3: a session that reached its absolute end closes as max-lifetime, an idle one as idle-timeout', () => {
    const h = run(
      [
        issued(
          policyOf('studio', {
            sessions: { maxSessions: 3, interactiveIdleMinutes: 20, serviceMaxMinutes: 30 },
          }),
        ),
      ],
      [
        [c.open('svc', 'svc-render', 'service'), T0],
        [c.open('idle', 'ann'), T0],
        [c.activity('svc'), at({ m: 15 })],
      ],
    );
    given(...h.events)
      .when(c.settle(), at({ m: 40 }))
      .then(
        {
          type: 'SessionClosed.v1',
          data: { sessionId: 'idle', reason: 'idle-timeout', endedAt: toIso(at({ m: 20 })) },
        },
        {
          type: 'SessionClosed.v1',
          data: { sessionId: 'svc', reason: 'max-lifetime', endedAt: toIso(at({ m: 30 })) },
        },
      );
  });

  it('F5: the sweeper is woken at the earliest deadline: a lease, a session or the license end, never one already recorded', () => {
    const h = run(
      [oneDay, lease('a', at({ m: 5 })), lease('b', T0)],
      [[c.open('s', 'ann'), at({ m: 1 })]],
    );
    const state = h.state as IssuedLicense;
    expect(nextDeadline(state)).toBe(at({ m: 15 }));
    const later = run(h.events, [[c.settle(), at({ m: 16 })]]).state as IssuedLicense;
    expect(nextDeadline(later)).toBe(at({ m: 20 }));
    const quiet = run([oneDay], []).state as IssuedLicense;
    expect(nextDeadline(quiet)).toBe(at({ d: 1 }));
    const ended = run([oneDay], [[c.settle(), at({ d: 1 })]]).state as IssuedLicense;
    expect(nextDeadline(ended)).toBeNull();
    const revoked = run([oneDay], [[c.revoke(), T0]]);
    expect(nextDeadline(revoked.state as IssuedLicense)).toBeNull();
    // O4, O7: a revoked license does not expire as well.
    given(...revoked.events)
      .when(c.settle(), at({ d: 2 }))
      .thenNothing();
    expect(nextDeadline(run([issued(floatingPolicy(2))], []).state as IssuedLicense)).toBe(
      at({ d: 365 }),
    );
  });
});
