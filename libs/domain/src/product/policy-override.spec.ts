import * as E from 'fp-ts/Either';
import { Policy } from './policy';
import { PolicyOverride, applyOverride } from './policy-override';
import { presets } from './presets';

describe('a preset with a partial policy override (T1: variants from presets)', () => {
  it('T1: the override is merged deep: one nested number changes, its siblings stay', () => {
    const merged = applyOverride(presets['render-farm'], {
      floating: { maxFloatingUsers: 5 },
      offlineDays: { suspended: 1 },
    });
    expect(merged).toEqual({
      ...presets['render-farm'],
      floating: { maxFloatingUsers: 5, floatingTimeoutMinutes: 15 },
      offlineDays: { active: 0, degraded: 0, suspended: 1 },
    });
    expect(E.isRight(Policy.decode(merged))).toBe(true);
  });

  it('T1: an overlay the preset lacks starts from its defaults; null removes one', () => {
    expect(applyOverride(presets.studio, { sessions: { maxSessions: 4 } })).toMatchObject({
      sessions: { maxSessions: 4, interactiveIdleMinutes: 20, serviceMaxMinutes: 60 },
    });
    const hybrid = {
      ...presets.studio,
      floating: { maxFloatingUsers: 2, floatingTimeoutMinutes: 15 },
    };
    expect(applyOverride(hybrid, { floating: null })).toMatchObject({ floating: null });
  });

  it('T1: an override out of bounds does not decode, naming the field', () => {
    expect(E.isLeft(PolicyOverride.decode({ floating: { floatingTimeoutMinutes: 5e9 } }))).toBe(
      true,
    );
    expect(E.isRight(PolicyOverride.decode({ floating: { floatingTimeoutMinutes: 30 } }))).toBe(
      true,
    );
  });
});
