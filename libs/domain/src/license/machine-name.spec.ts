import * as E from 'fp-ts/Either';
import { MachineName } from '../shared/codecs';
import { run } from '../testing/license-spec';
import { T0, commands as c, floatingPolicy, issued, policyOf } from '../testing/fixtures';
import type { LicenseCommand } from './license.commands';

const indie = issued(policyOf('indie'));
const named = (fingerprint: string, hostname: string | null): LicenseCommand =>
  ({ ...c.activate(fingerprint), hostname }) as LicenseCommand;

describe('machine names', () => {
  it('M1: an activation that names its machine records the name (MachineActivated.v2) and decides exactly as without one', () => {
    const withName = run([indie], [[named('ws-1', 'render-07.studio.lan'), T0]]);
    const without = run([indie], [[c.activate('ws-1'), T0]]);
    const [recorded] = withName.events.slice(1);
    expect(recorded).toMatchObject({
      type: 'MachineActivated.v2',
      data: { fingerprint: 'ws-1', slotTaken: true, hostname: 'render-07.studio.lan' },
    });
    expect(without.events[1]).toMatchObject({
      type: 'MachineActivated.v2',
      data: { hostname: null },
    });
    expect(withName.state).toEqual(without.state);
    expect(run([indie], [[named('ws-1', null), T0]]).events[1]).toEqual(without.events[1]);
  });

  it('F7: a render node activating on a floating license is named on its lease (LeaseCheckedOut.v2), as a checkout can name it', () => {
    const farm = issued(floatingPolicy(2));
    const activated = run([farm], [[named('node-7', 'render-07'), T0]]);
    expect(activated.events[1]).toMatchObject({
      type: 'LeaseCheckedOut.v2',
      data: { fingerprint: 'node-7', via: 'activation', hostname: 'render-07' },
    });
    const checkout = { ...c.checkout('L1', 'node-8'), hostname: 'render-08' } as LicenseCommand;
    const checkedOut = run([farm], [[checkout, T0]]);
    expect(checkedOut.events[1]).toMatchObject({
      type: 'LeaseCheckedOut.v2',
      data: { fingerprint: 'node-8', via: 'checkout', hostname: 'render-08' },
    });
    const plain = run([farm], [[c.checkout('L1', 'node-8'), T0]]);
    expect(plain.events[1]).toMatchObject({ data: { hostname: null } });
    expect(checkedOut.state).toEqual(plain.state);
  });

  it('M1: a machine name is bounded and printable, so what is recorded always reads back', () => {
    expect(E.isRight(MachineName.decode('WS-07 (Anna)'))).toBe(true);
    for (const bad of ['', ' lead', 'trail ', 'tab\there', 'x'.repeat(254)]) {
      expect([bad, E.isRight(MachineName.decode(bad))]).toEqual([bad, false]);
    }
  });
});
