import * as E from 'fp-ts/Either';
import { toIso } from '../shared/time';
import { given, run } from '../testing/license-spec';
import { T0, at, commands as c, issued, policyOf, sessionPolicy } from '../testing/fixtures';
import type { IssuedLicense } from './license.state';
import { sessionSeats } from './occupancy';

const cap3 = issued(sessionPolicy(3));
const seats = (s: unknown, now: number) => sessionSeats(s as IssuedLicense, now);

describe('sessions and reserved seats', () => {
  it('S1: opening a session takes a slot; when all are in use, opening fails', () => {
    const h = run(
      [cap3],
      [
        [c.open('s1', 'ann'), T0],
        [c.open('s2', 'bob'), T0],
        [c.open('s3', 'cyd'), T0],
      ],
    );
    expect(seats(h.state, T0).all).toEqual({ inUse: 3, limit: 3 });
    given(...h.events)
      .when(c.open('s4', 'dan'), at({ m: 1 }))
      .then({ type: 'SessionRefused.v1', data: { username: 'dan', reason: 'SEATS_EXHAUSTED' } });
  });

  it('S1: logout frees the slot at once', () => {
    const h = run(
      [cap3],
      [
        [c.open('s1', 'ann'), T0],
        [c.open('s2', 'bob'), T0],
        [c.open('s3', 'cyd'), T0],
        [c.logout('s2'), at({ m: 1 })],
      ],
    );
    expect(h.events.at(-1)).toMatchObject({ type: 'SessionClosed.v1', data: { reason: 'logout' } });
    given(...h.events)
      .when(c.open('s4', 'dan'), at({ m: 1 }))
      .then({ type: 'SessionOpened.v1' });
  });

  it('S2: an interactive session is renewed by activity and released 20 minutes after the last', () => {
    const h = run(
      [cap3],
      [
        [c.open('s1', 'ann'), T0],
        [c.activity('s1'), at({ m: 15 })],
      ],
    );
    expect(h.events.at(-1)).toMatchObject({
      type: 'SessionActivityRecorded.v1',
      data: { expiresAt: toIso(at({ m: 35 })) },
    });
    expect(seats(h.state, at({ m: 35, ms: -1 })).all.inUse).toBe(1);
    expect(seats(h.state, at({ m: 35 })).all.inUse).toBe(0);
    given(...h.events)
      .when(c.activity('s1'), at({ m: 35 }))
      .thenError('SESSION_EXPIRED');
    given(...h.events)
      .when(c.settle(), at({ m: 40 }))
      .then({
        type: 'SessionClosed.v1',
        data: { reason: 'idle-timeout', endedAt: toIso(at({ m: 35 })) },
      });
  });

  it('S3: a service session lasts at most one hour, even while active', () => {
    const steps = [
      [c.open('svc', 'backend', 'service'), T0] as const,
      ...[10, 20, 30, 40, 50].map((m) => [c.activity('svc'), at({ m })] as const),
    ];
    const h = run([cap3], steps);
    expect(h.events.at(-1)).toMatchObject({ data: { expiresAt: toIso(at({ h: 1 })) } });
    expect(seats(h.state, at({ h: 1, ms: -1 })).all.inUse).toBe(1);
    expect(seats(h.state, at({ h: 1 })).all.inUse).toBe(0);
    given(...h.events)
      .when(c.activity('svc'), at({ h: 1 }))
      .thenError('SESSION_EXPIRED');
    given(...h.events)
      .when(c.settle(), at({ h: 1 }))
      .then({
        type: 'SessionClosed.v1',
        data: { reason: 'max-lifetime', endedAt: toIso(at({ h: 1 })) },
      });
  });

  it('S3: an idle service session is still released after 20 minutes', () => {
    const h = run([cap3], [[c.open('svc', 'backend', 'service'), T0]]);
    expect(seats(h.state, at({ m: 20 })).all.inUse).toBe(0);
  });

  describe('S4: reserved accounts (10 slots, 2 reserved)', () => {
    const ten = issued(sessionPolicy(10));
    const base = run([ten], [[c.reserve('root', 'robot'), T0]]).events;
    const eight = run(
      base,
      Array.from({ length: 8 }, (_, i) => [c.open(`u${i}`, `user${i}`), at({ s: i })] as const),
    );

    it('S4: other users share the 8 unreserved slots first-come first-served', () => {
      expect(eight.errors.every((e) => e === null)).toBe(true);
      expect(seats(eight.state, at({ m: 1 })).shared).toEqual({ inUse: 8, limit: 8 });
      given(...eight.events)
        .when(c.open('u9', 'user9'), at({ m: 1 }))
        .then({
          type: 'SessionRefused.v1',
          data: { reason: 'SEATS_EXHAUSTED', shared: { inUse: 8, limit: 8 } },
        });
    });

    it('S4: each reserved account can always log in when the shared slots are full', () => {
      const h = run(eight.events, [
        [c.open('r1', 'root'), at({ m: 1 })],
        [c.open('r2', 'robot'), at({ m: 1 })],
      ]);
      expect(h.errors).toEqual([null, null]);
      expect(h.events.slice(-2).map((e) => e.type === 'SessionOpened.v1' && e.data.pool)).toEqual([
        'reserved',
        'reserved',
      ]);
      expect(seats(h.state, at({ m: 1 })).all).toEqual({ inUse: 10, limit: 10 });
    });

    it('S4: a reserved account opening a second session draws from the shared pool', () => {
      const h = run(base, [
        [c.open('r1', 'root'), T0],
        [c.open('r2', 'root'), T0],
      ]);
      expect(h.events.slice(-2).map((e) => e.type === 'SessionOpened.v1' && e.data.pool)).toEqual([
        'reserved',
        'shared',
      ]);
      given(...eight.events, ...h.events.slice(base.length))
        .when(c.open('r3', 'root'), at({ m: 1 }))
        .then({ type: 'SessionRefused.v1', data: { reason: 'SEATS_EXHAUSTED' } });
    });

    it('S4: reserved accounts obey the idle timeout like everyone else', () => {
      const h = run(base, [[c.open('r1', 'root'), T0]]);
      expect(seats(h.state, at({ m: 20 })).all.inUse).toBe(0);
    });

    it('S4: no more accounts can be reserved than there are slots', () => {
      const names = Array.from({ length: 11 }, (_, i) => `a${i}`);
      given(ten)
        .when(c.reserve(...names), T0)
        .thenError('INVALID_COMMAND');
    });
  });

  it('S5: a session belongs to its user: activity under another name is refused', () => {
    const h = run([cap3], [[c.open('s1', 'ann'), T0]]);
    given(...h.events)
      .when(c.activity('s1', 'bob'), at({ m: 1 }))
      .thenError('SESSION_NOT_SHAREABLE');
    given(...h.events)
      .when(c.activity('s1', 'ann'), at({ m: 1 }))
      .then({ type: 'SessionActivityRecorded.v1' });
  });

  it('S5: an admin ends a session, freeing the slot at once', () => {
    const full = run(
      [cap3],
      [
        [c.open('s1', 'ann'), T0],
        [c.open('s2', 'bob'), T0],
        [c.open('s3', 'cyd'), T0],
      ],
    );
    const ended = given(...full.events)
      .when(c.endSession('s2'), at({ m: 1 }))
      .then({ type: 'SessionClosed.v1', data: { reason: 'admin', actor: { kind: 'admin' } } });
    given(...full.events, ...ended.events)
      .when(c.open('s4', 'dan'), at({ m: 1 }))
      .then({ type: 'SessionOpened.v1' });
    given(...full.events, ...ended.events)
      .when(c.activity('s2'), at({ m: 2 }))
      .thenError('SESSION_NOT_ACTIVE');
  });

  it('S6: a backend acting for many external users through one service session takes one slot', () => {
    const steps = [
      [c.open('sys', 'backend-system', 'service'), T0] as const,
      ...Array.from(
        { length: 500 },
        (_, i) => [c.activity('sys', null, `external-${i}`), at({ s: i })] as const,
      ),
    ];
    const h = run([cap3], steps);
    expect(h.errors.every((e) => e === null)).toBe(true);
    expect(seats(h.state, at({ s: 500 })).all.inUse).toBe(1);
    expect(h.events.filter((e) => e.type === 'SessionOpened.v1')).toHaveLength(1);
  });

  it('S1: a license without the session overlay refuses sessions and records nothing', () => {
    given(issued(policyOf('indie')))
      .when(c.open('s', 'ann'), T0)
      .thenError('SESSIONS_NOT_ENABLED');
  });

  it('S2, S5: late activity is told why the session is gone: it timed out, or it ended (and how)', () => {
    const h = run(
      [cap3],
      [
        [c.open('s1', 'ann'), T0],
        [c.open('s2', 'bob'), T0],
        [c.logout('s2'), at({ m: 1 })],
        [c.settle(), at({ m: 21 })],
      ],
    );
    const timedOut = given(...h.events).when(c.activity('s1'), at({ m: 22 }));
    timedOut.thenError('SESSION_EXPIRED');
    expect(E.isLeft(timedOut.result) && timedOut.result.left.details).toEqual({
      reason: 'idle-timeout',
    });
    const ended = given(...h.events).when(c.activity('s2'), at({ m: 22 }));
    ended.thenError('SESSION_NOT_ACTIVE');
    expect(E.isLeft(ended.result) && ended.result.left.details).toEqual({ reason: 'logout' });
    given(...h.events)
      .when(c.activity('nope'), at({ m: 22 }))
      .thenError('SESSION_NOT_FOUND');
  });
});
