import * as E from 'fp-ts/Either';
import { MachineName } from '../shared/codecs';
import { run } from '../testing/license-spec';
import { T0, commands as c, issued, policyOf } from '../testing/fixtures';
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
    expect(without.events[1]?.type).toBe('MachineActivated.v1');
    expect(withName.state).toEqual(without.state);
    expect(run([indie], [[named('ws-1', null), T0]]).events[1]?.type).toBe('MachineActivated.v1');
  });

  it('M1: a machine name is bounded and printable, so what is recorded always reads back', () => {
    expect(E.isRight(MachineName.decode('WS-07 (Anna)'))).toBe(true);
    for (const bad of ['', ' lead', 'trail ', 'tab\there', 'x'.repeat(254)]) {
      expect([bad, E.isRight(MachineName.decode(bad))]).toEqual([bad, false]);
    }
  });
});
