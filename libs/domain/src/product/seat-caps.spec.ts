import { defaultSessions } from './policy';
import { presets } from './presets';
import { withSeatCaps } from './seat-caps';

describe('a license’s own seat caps', () => {
  it('M1: a machine cap replaces the variant’s and keeps everything else', () => {
    const policy = withSeatCaps(presets.studio, { maxMachines: 3 });
    expect(policy).toEqual({ ...presets.studio, maxMachines: 3 });
  });

  it('F4: a floating cap keeps the variant’s lease timeout', () => {
    const farm = presets['render-farm'];
    const policy = withSeatCaps(farm, { maxFloatingUsers: 10 });
    expect(policy.floating).toEqual({ ...farm.floating, maxFloatingUsers: 10 });
  });

  it('S1: a session cap on a variant without sessions adds the overlay with its defaults', () => {
    expect(presets.studio.sessions).toBeNull();
    const policy = withSeatCaps(presets.studio, { maxSessions: 4 });
    expect(policy.sessions).toEqual({ ...defaultSessions, maxSessions: 4 });
  });

  it('no caps: the variant’s policy as it is', () => {
    expect(withSeatCaps(presets.site, {})).toEqual(presets.site);
  });
});
