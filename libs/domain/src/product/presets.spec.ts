import * as E from 'fp-ts/Either';
import type { IssuedLicense } from '../license/license.state';
import { sessionSeats } from '../license/occupancy';
import { given, run } from '../testing/license-spec';
import { T0, at, commands as c, issued } from '../testing/fixtures';
import { validatePolicy } from './policy';
import { presets } from './presets';

/** Seed 000 as a preset: user sessions, 10 slots, reserved accounts set per license. */
describe('the user-sessions preset (seed 000)', () => {
  const license = issued(presets['user-sessions']);
  const seats = (s: unknown, now: number) => sessionSeats(s as IssuedLicense, now);

  it('S1: user-sessions is a valid policy with the seed’s 10 session slots and its timeouts', () => {
    expect(validatePolicy(presets['user-sessions'])).toEqual(E.right(presets['user-sessions']));
    expect(presets['user-sessions'].sessions).toEqual({
      maxSessions: 10,
      interactiveIdleMinutes: 20,
      serviceMaxMinutes: 60,
    });
    expect(presets['user-sessions'].maxMachines).toBeNull();
  });

  it('S4: with 2 of its 10 slots reserved, 8 are shared and both reserved users still log in', () => {
    const reserved = run([license], [[c.reserve('admin', 'automation'), T0]]);
    expect(reserved.errors).toEqual([null]);
    const eight = run(
      reserved.events,
      Array.from({ length: 8 }, (_, i) => [c.open(`u${i}`, `user${i}`), at({ s: i })] as const),
    );
    expect(eight.errors.every((e) => e === null)).toBe(true);
    expect(seats(eight.state, at({ m: 1 })).shared).toEqual({ inUse: 8, limit: 8 });
    given(...eight.events)
      .when(c.open('u9', 'user9'), at({ m: 1 }))
      .then({ type: 'SessionRefused.v1', data: { reason: 'SEATS_EXHAUSTED' } });
    const both = run(eight.events, [
      [c.open('r1', 'admin'), at({ m: 1 })],
      [c.open('r2', 'automation', 'service'), at({ m: 1 })],
    ]);
    expect(both.errors).toEqual([null, null]);
    expect(seats(both.state, at({ m: 1 })).all).toEqual({ inUse: 10, limit: 10 });
  });

  it('S3: a service session on the preset lasts one hour at most, even while active', () => {
    const h = run(
      [license],
      [
        [c.open('svc', 'backend', 'service'), T0],
        [c.activity('svc'), at({ m: 15 })],
        [c.activity('svc'), at({ m: 30 })],
        [c.activity('svc'), at({ m: 45 })],
      ],
    );
    expect(h.errors).toEqual([null, null, null, null]);
    expect(seats(h.state, at({ m: 59 })).all.inUse).toBe(1);
    expect(seats(h.state, at({ m: 60 })).all.inUse).toBe(0);
  });
});
