import { toIso } from '../shared/time';
import { given, run } from '../testing/license-spec';
import { T0, at, commands as c, event, issued, policyOf } from '../testing/fixtures';
import type { IssuedLicense } from './license.state';
import { attemptsInWindow } from './rate-limit';
import { valuesIn } from './sharded';

const indie = issued(policyOf('indie')); // 2 machines
const activated = (fingerprint: string, when = T0, country: string | null = null) =>
  event('MachineActivated.v2', when, {
    hostname: null,
    activationId: `act-${fingerprint}`,
    fingerprint,
    slotTaken: true,
    seats: { inUse: 1, limit: 2 },
    country,
    token: {
      tokenId: `tok-${fingerprint}`,
      issuedAt: toIso(when),
      expiresAt: toIso(when + 30 * 86_400_000),
      status: 'active',
    },
  });
const deactivated = (fingerprint: string, when: number) =>
  event('MachineDeactivated.v1', when, {
    activationId: `act-${fingerprint}`,
    fingerprint,
    reason: 'self',
  });

describe('per-machine activations', () => {
  it('M1: an activation binds the fingerprint and takes one slot', () => {
    given(indie)
      .when(c.activate('ws-1'), T0)
      .then({
        type: 'MachineActivated.v2',
        data: {
          activationId: 'act-ws-1',
          fingerprint: 'ws-1',
          slotTaken: true,
          seats: { inUse: 1, limit: 2 },
        },
      });
  });

  it('M1: activating the same fingerprint again takes no new slot', () => {
    const again = given(indie, activated('ws-1'))
      .when(c.activate('ws-1', 2), at({ d: 1 }))
      .then({
        type: 'MachineActivated.v2',
        data: { activationId: 'act-ws-1', slotTaken: false, seats: { inUse: 1, limit: 2 } },
      });
    expect(valuesIn((again.state as IssuedLicense).activations).map((a) => a.fingerprint)).toEqual([
      'ws-1',
    ]);
  });

  it('M2: with every slot used, a new fingerprint is refused and the refusal recorded', () => {
    given(indie, activated('ws-1'), activated('ws-2'))
      .when(c.activate('ws-3'), at({ m: 1 }))
      .then({
        type: 'ActivationRefused.v1',
        data: { fingerprint: 'ws-3', reason: 'SEATS_EXHAUSTED', seats: { inUse: 2, limit: 2 } },
      });
  });

  it('M3: moving a seat requires deactivation: the machine deactivates itself', () => {
    const moved = run(
      [indie, activated('ws-1'), activated('ws-2')],
      [
        [c.deactivate('ws-1'), at({ m: 1 })],
        [c.activate('ws-3'), at({ m: 2 })],
      ],
    );
    expect(moved.events.slice(3).map((e) => e.type)).toEqual([
      'MachineDeactivated.v1',
      'MachineActivated.v2',
    ]);
  });

  it('M3: an admin revokes one activation, freeing its slot', () => {
    given(indie, activated('ws-1'), activated('ws-2'))
      .when(c.revokeActivation('act-ws-2'), at({ m: 1 }))
      .then({
        type: 'MachineDeactivated.v1',
        data: {
          activationId: 'act-ws-2',
          fingerprint: 'ws-2',
          reason: 'admin',
          actor: { kind: 'admin' },
        },
      });
    given(indie).when(c.revokeActivation('act-none'), T0).thenError('ACTIVATION_NOT_FOUND');
  });

  it('M3: a machine that holds nothing cannot deactivate', () => {
    given(indie).when(c.deactivate('ws-9'), T0).thenError('ACTIVATION_NOT_FOUND');
  });

  it('T1: a site license activates any number of machines, each with its own record and token', () => {
    const site = issued(policyOf('site'));
    const many = run(
      [site],
      Array.from({ length: 200 }, (_, i) => [c.activate(`m-${i}`), at({ m: 5 * i })] as const),
    );
    const activations = many.events.filter((e) => e.type === 'MachineActivated.v2');
    expect(activations).toHaveLength(200);
    expect(
      new Set(activations.map((e) => e.type === 'MachineActivated.v2' && e.data.token.tokenId))
        .size,
    ).toBe(200);
    expect(many.errors.every((e) => e === null)).toBe(true);
  });

  it('T2: geo-spread detection is off for site licenses', () => {
    const site = issued(policyOf('site'));
    const spread = run(
      [site],
      ['US', 'FR', 'JP', 'BR', 'IN'].map(
        (cc, i) => [c.activate(`m-${cc}`, 1, cc), at({ m: i })] as const,
      ),
    );
    expect(spread.events.some((e) => e.type === 'ThreatLevelRaised.v1')).toBe(false);
  });

  it('T2: machine-churn detection stays on for site licenses', () => {
    const site = issued(policyOf('site'));
    const churn = Array.from({ length: 10 }, (_, i) => deactivated(`old-${i}`, at({ d: i })));
    given(site, ...churn)
      .when(c.activate('new-1'), at({ d: 11 }))
      .then(
        { type: 'ThreatLevelRaised.v1', data: { reason: 'machine-churn' } },
        { type: 'MachineActivated.v2', data: { token: { status: 'degraded' } } },
      );
  });

  it('O6: machines spread over more countries than allowed raise the threat level to degraded', () => {
    const studio = issued(policyOf('studio'));
    given(studio, activated('a', T0, 'US'), activated('b', T0, 'FR'), activated('c', T0, 'JP'))
      .when(c.activate('d', 1, 'BR'), at({ m: 1 }))
      .then(
        { type: 'ThreatLevelRaised.v1', data: { reason: 'geo-spread' } },
        {
          type: 'MachineActivated.v2',
          data: {
            token: { status: 'degraded', expiresAt: toIso(at({ d: 1, m: 1 })) },
          },
        },
      );
  });

  it('O6: seat moves below the churn limit, or outside its window, raise nothing', () => {
    const studio = issued(policyOf('studio'));
    const nine = Array.from({ length: 9 }, (_, i) => deactivated(`old-${i}`, at({ d: i })));
    given(studio, ...nine)
      .when(c.activate('x'), at({ d: 10 }))
      .then({ type: 'MachineActivated.v2' });
    const ten = Array.from({ length: 10 }, (_, i) => deactivated(`old-${i}`, at({ d: i })));
    given(studio, ...ten)
      .when(c.activate('x'), at({ d: 30, ms: 1 }))
      .then({ type: 'MachineActivated.v2' });
  });
});

describe('activation rate limit', () => {
  const site = issued(policyOf('site'));
  const attempts = (n: number, start = T0) =>
    Array.from({ length: n }, (_, i) => [c.activate(`m-${i}`), start + i * 1000] as const);

  it('O5: the 16th attempt within an hour is refused as RATE_LIMITED', () => {
    const h = run([site], attempts(15));
    expect(h.errors.every((e) => e === null)).toBe(true);
    given(...h.events)
      .when(c.activate('m-16'), at({ m: 30 }))
      .then({ type: 'ActivationRefused.v1', data: { reason: 'RATE_LIMITED' } });
  });

  it('O5: an attempt made exactly one hour ago no longer counts', () => {
    const h = run([site], attempts(15));
    given(...h.events)
      .when(c.activate('late'), at({ h: 1, ms: -1 }))
      .then({ type: 'ActivationRefused.v1' });
    given(...h.events)
      .when(c.activate('late'), at({ h: 1 }))
      .then({ type: 'MachineActivated.v2' });
  });

  it('O5: the limit applies to every license type, re-activations and refusals included', () => {
    const indie = issued(policyOf('indie'));
    const steps = Array.from(
      { length: 16 },
      (_, i) => [c.activate(i < 2 ? `ws-${i}` : 'ws-9'), T0 + i] as const,
    );
    const h = run([indie], steps);
    expect(h.events.at(-1)).toMatchObject({
      type: 'ActivationRefused.v1',
      data: { reason: 'RATE_LIMITED' },
    });
    const floating = issued(policyOf('render-farm'));
    const f = run(
      [floating],
      Array.from({ length: 16 }, (_, i) => [c.activate(`n-${i}`), T0 + i] as const),
    );
    expect(f.events.at(-1)).toMatchObject({
      type: 'ActivationRefused.v1',
      data: { reason: 'RATE_LIMITED' },
    });
  });

  it('O5: a flood of refused attempts grows the stream by at most one event per refusal window', () => {
    const h = run([site], attempts(15));
    const flood = run(
      h.events,
      Array.from(
        { length: 1000 },
        (_, i) => [c.activate(`x-${i}`), at({ m: 1 }) + i * 50] as const,
      ),
    );
    const added = flood.events.length - h.events.length;
    // 1,000 attempts over 50 seconds: one RATE_LIMITED event, the rest refused unrecorded.
    expect(added).toBe(1);
    expect(flood.errors.filter((e) => e === 'RATE_LIMITED')).toHaveLength(999);
    expect(attemptsInWindow(flood.state as IssuedLicense, at({ m: 2 }))).toBe(15);
  });

  it('O4: a token from an activation that has since been replaced is refused online', () => {
    const studio = issued(policyOf('studio'));
    const h = run(
      [studio],
      [
        [c.activate('m1'), T0],
        [c.deactivate('m1'), at({ m: 1 })],
        [{ ...c.activate('m1', 2), activationId: 'act-m1-again' }, at({ m: 2 })],
      ],
    );
    const old = { tokenId: 'tok-m1-1', issuedAt: T0, expiresAt: at({ d: 30 }) };
    given(...h.events)
      .when(c.validate('m1', old), at({ m: 3 }))
      .then({ type: 'ValidationRefused.v1', data: { reason: 'ACTIVATION_NOT_FOUND' } });
  });
});
