import * as E from 'fp-ts/Either';
import { toIso } from '../shared/time';
import { given, run } from '../testing/license-spec';
import { T0, at, commands as c, issued, policyOf, sha } from '../testing/fixtures';
import type { LicenseCommand } from './license.commands';
import { licenseDecider } from './license.decider';
import { LicenseEvent } from './license.events';
import { LicenseState } from './license.state';

/** A license with a bit of everything: machines, a floating overlay and sessions. */
const everything = issued(
  policyOf('studio', {
    floating: { maxFloatingUsers: 5, floatingTimeoutMinutes: 15 },
    sessions: { maxSessions: 5, interactiveIdleMinutes: 20, serviceMaxMinutes: 60 },
  }),
);
const busy = run(
  [everything],
  [
    [c.activate('ws-1'), T0],
    [c.checkout('L1'), T0],
    [c.open('s1', 'ann'), T0],
  ],
).events;

const clientCommands: [string, LicenseCommand][] = [
  ['activate', c.activate('ws-2')],
  ['checkout', c.checkout('L2')],
  ['open session', c.open('s2', 'bob')],
];
const renewals: [string, LicenseCommand][] = [
  ['heartbeat', c.heartbeat('L1')],
  ['session activity', c.activity('s1')],
];

describe('license lifecycle', () => {
  it('O4: suspension frees every lease and session at once and keeps machines bound', () => {
    given(...busy)
      .when(c.suspend(), at({ m: 1 }))
      .then(
        {
          type: 'LicenseSuspended.v1',
          data: { reason: 'unpaid invoice', actor: { kind: 'admin', id: 'alice' } },
        },
        { type: 'LeaseReleased.v1', data: { leaseId: 'L1', reason: 'license-suspended' } },
        { type: 'SessionClosed.v1', data: { sessionId: 's1', reason: 'license-suspended' } },
      );
  });

  it.each(clientCommands)(
    'O4: %s against a suspended license is refused and recorded',
    (_, command) => {
      const suspended = run(busy, [[c.suspend(), at({ m: 1 })]]).events;
      const r = given(...suspended).when(command, at({ m: 2 }));
      expect(r.events.at(-1)?.data).toMatchObject({ reason: 'LICENSE_SUSPENDED' });
    },
  );

  it.each(clientCommands)(
    'O4: %s against a revoked license is refused and recorded',
    (_, command) => {
      const revoked = run(busy, [[c.revoke(), at({ m: 1 })]]).events;
      const r = given(...revoked).when(command, at({ m: 2 }));
      expect(r.events.at(-1)?.data).toMatchObject({ reason: 'LICENSE_REVOKED' });
    },
  );

  it.each(renewals)('O4: %s against a suspended or revoked license is refused', (_, command) => {
    const suspended = run(busy, [[c.suspend(), at({ m: 1 })]]).events;
    given(...suspended)
      .when(command, at({ m: 2 }))
      .thenError(command.type === 'HeartbeatLease' ? 'LEASE_NOT_ACTIVE' : 'SESSION_NOT_ACTIVE');
    const revoked = run(busy, [[c.revoke(), at({ m: 1 })]]).events;
    given(...revoked)
      .when(command, at({ m: 2 }))
      .thenError(command.type === 'HeartbeatLease' ? 'LEASE_NOT_ACTIVE' : 'SESSION_NOT_ACTIVE');
  });

  it('O4: revocation is final: admin commands on a revoked license are refused', () => {
    const revoked = run(busy, [[c.revoke(), at({ m: 1 })]]);
    expect(revoked.events.slice(busy.length).map((e) => e.type)).toEqual([
      'LicenseRevoked.v1',
      'LeaseReleased.v1',
      'SessionClosed.v1',
      'MachineDeactivated.v1',
    ]);
    for (const command of [
      c.suspend(),
      c.reinstate(),
      c.revoke(),
      c.renew(30),
      c.raiseThreat(),
      c.clearThreat(),
      c.reserve('x'),
    ]) {
      given(...revoked.events)
        .when(command, at({ m: 2 }))
        .thenError('LICENSE_REVOKED');
    }
  });

  it('O4: reinstatement restores a suspended license', () => {
    const h = run(busy, [
      [c.suspend(), at({ m: 1 })],
      [c.reinstate(), at({ m: 2 })],
      [c.checkout('L5'), at({ m: 3 })],
    ]);
    expect(h.errors).toEqual([null, null, null]);
    given(...busy)
      .when(c.reinstate(), at({ m: 1 }))
      .thenError('ALREADY_IN_STATE');
  });

  it('O6: an admin can raise and clear the threat level', () => {
    const h = run(
      [everything],
      [
        [c.raiseThreat(), T0],
        [c.activate('ws'), at({ m: 1 })],
        [c.clearThreat(), at({ m: 2 })],
      ],
    );
    expect(h.events[2]).toMatchObject({
      data: { token: { status: 'degraded', expiresAt: toIso(at({ d: 1, m: 1 })) } },
    });
    expect(h.events[3]?.type).toBe('ThreatLevelCleared.v1');
  });

  it('A1: every event names the license, the instant, the actor; a refusal its reason', () => {
    const h = run(busy, [
      [c.checkout('L2'), at({ m: 1 })],
      [c.suspend(), at({ m: 2 })],
      [c.checkout('L3'), at({ m: 3 })],
    ]);
    for (const e of h.events) {
      expect(e.data.licenseId).toBe('lic-1');
      expect(e.data.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(['admin', 'license', 'system']).toContain(e.data.actor.kind);
      expect(e.type).toMatch(/\.v\d+$/);
    }
    expect(h.events.at(-1)).toMatchObject({
      type: 'CheckoutRefused.v1',
      data: { reason: 'LICENSE_SUSPENDED', at: toIso(at({ m: 3 })), actor: { kind: 'license' } },
    });
  });

  it('A1: no secret enters an event: the license key appears only as its SHA-256', () => {
    const key = 'lk_lic-1_c2VjcmV0LXNlY3JldC1zZWNyZXQ';
    const r = given().when(
      {
        type: 'IssueLicense',
        licenseId: 'lic-1',
        actor: { kind: 'admin', id: 'a' },
        productId: 'p',
        variantId: 'v',
        policy: policyOf('indie'),
        keyHash: sha(99),
        licensee: null,
        trial: false,
      },
      T0,
    );
    expect(JSON.stringify(r.events)).not.toContain(key);
    // The codec refuses anything but a 64-hex-digit hash where the key would go.
    const leaky = { ...r.events[0]!, data: { ...r.events[0]!.data, keyHash: key } };
    expect(E.isLeft(LicenseEvent.decode(leaky))).toBe(true);
  });

  it('A3: the state is a plain value: it survives a JSON round trip through its codec (snapshots)', () => {
    const h = run(busy, [
      [c.checkout('L2'), at({ m: 1 })],
      [c.reserve('ann'), at({ m: 1 })],
    ]);
    const decoded = LicenseState.decode(JSON.parse(JSON.stringify(h.state)));
    expect(decoded).toEqual(E.right(h.state));
    // Deciding on the decoded snapshot gives the same events as on the folded state.
    const next = c.checkout('L9');
    const fromSnapshot = licenseDecider.decide(next, (decoded as E.Right<LicenseState>).right, {
      now: at({ m: 2 }),
    });
    expect(fromSnapshot).toEqual(licenseDecider.decide(next, h.state, { now: at({ m: 2 }) }));
  });

  it('A3: the state stays small however long the stream grows', () => {
    // A checkout, a heartbeat and a checkin every three minutes: after the 24-hour key
    // retention has filled, twice the history leaves a state of the same size.
    const farm = issued(policyOf('render-farm'));
    const steps = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const command =
          i % 3 === 0
            ? c.checkout(`L${i}`, `fp-${i % 7}`, `k${i}`)
            : i % 3 === 1
              ? c.heartbeat(`L${i - 1}`)
              : c.checkin(`L${i - 2}`, `in${i}`);
        return [command, at({ m: i })] as const;
      });
    const twoDays = JSON.stringify(run([farm], steps(2880)).state).length;
    const fourDays = JSON.stringify(run([farm], steps(5760)).state).length;
    expect(fourDays).toBeLessThan(twoDays * 1.05);
    expect(fourDays).toBeLessThan(400_000);
  });

  it('A1: commands on an unknown or already issued license are refused', () => {
    given().when(c.checkout('L1'), T0).thenError('LICENSE_NOT_FOUND');
    given(everything)
      .when({ ...c.revoke(), type: 'RevokeLicense' }, T0)
      .then({ type: 'LicenseRevoked.v1' });
    given(everything)
      .when(
        {
          type: 'IssueLicense',
          licenseId: 'lic-1',
          actor: { kind: 'admin', id: 'a' },
          productId: 'p',
          variantId: 'v',
          policy: policyOf('indie'),
          keyHash: sha(1),
          licensee: null,
          trial: false,
        },
        T0,
      )
      .thenError('LICENSE_EXISTS');
  });
});
