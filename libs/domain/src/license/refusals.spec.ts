import { given, run } from '../testing/license-spec';
import { T0, at, commands as c, floatingPolicy, issued, policyOf } from '../testing/fixtures';

const cap1 = issued(floatingPolicy(1));
const full = run([cap1], [[c.checkout('L1'), T0]]).events;
const refusedIn = (events: { type: string }[]) =>
  events.filter((e) => e.type === 'CheckoutRefused.v1').length;

describe('refusals are data (U2) without unbounded growth (O5)', () => {
  it('U2: every distinct client refused is recorded with its reason', () => {
    const burst = run(
      full,
      Array.from(
        { length: 190 },
        (_, i) => [c.checkout(`X${i}`, `node-${i}`, `k${i}`), at({ ms: i })] as const,
      ),
    );
    expect(refusedIn(burst.events)).toBe(190);
    expect(burst.errors.every((e) => e === null)).toBe(true);
  });

  it('O5: a client retrying in a loop is recorded once per window; the repeats are refused unrecorded', () => {
    const loop = run(
      full,
      Array.from(
        { length: 300 },
        (_, i) => [c.checkout(`X${i}`, 'same-node', `k${i}`), at({ s: i })] as const,
      ),
    );
    // 300 attempts over 5 minutes with a 60-second window: five recorded, 295 tallied.
    expect(refusedIn(loop.events)).toBe(5);
    expect(loop.errors.filter((e) => e === 'SEATS_EXHAUSTED')).toHaveLength(295);
  });

  it('O5: a repeat inside the window is refused without an event, marked as suppressed', () => {
    const once = run(full, [[c.checkout('X1', 'n1'), at({ s: 1 })]]).events;
    given(...once)
      .when(c.checkout('X2', 'n1'), at({ s: 61, ms: -1 }))
      .thenError('SEATS_EXHAUSTED', { suppressedRefusal: true });
    given(...once)
      .when(c.checkout('X2', 'n1'), at({ s: 61 }))
      .then({ type: 'CheckoutRefused.v1' });
  });

  it('O5: a flood from ever-new clients is capped at maxPerWindow recorded refusals per window', () => {
    const small = issued(
      policyOf('render-farm', {
        floating: { maxFloatingUsers: 1, floatingTimeoutMinutes: 15 },
        refusalLog: { windowSeconds: 60, maxPerWindow: 50, maxPerDay: 10_000 },
      }),
    );
    const flood = run(
      run([small], [[c.checkout('L1'), T0]]).events,
      Array.from(
        { length: 1000 },
        (_, i) => [c.checkout(`X${i}`, `rnd-${i}`, `k${i}`), at({ ms: 100 * i })] as const,
      ),
    );
    // 1,000 distinct clients over 100 seconds: 50 in the first window, 50 in the second.
    expect(refusedIn(flood.events)).toBe(100);
    expect(flood.errors.filter((e) => e === 'SEATS_EXHAUSTED')).toHaveLength(900);
  });

  it('U2: suppressed refusals are tallied into one event by the caller', () => {
    given(...full)
      .when(
        {
          type: 'TallyRefusals',
          licenseId: 'lic-1',
          actor: { kind: 'system', id: 'refusal-tally' },
          tallies: [
            {
              kind: 'checkout',
              reason: 'SEATS_EXHAUSTED',
              count: 42,
              from: '2026-01-01T00:00:00.000Z',
              to: '2026-01-01T00:01:00.000Z',
            },
          ],
        },
        at({ m: 1 }),
      )
      .then({ type: 'RefusalsTallied.v1', data: { count: 42, reason: 'SEATS_EXHAUSTED' } });
  });
});

describe('the daily bound of refusal events per license (O5, U2)', () => {
  const daily = issued(
    policyOf('render-farm', {
      floating: { maxFloatingUsers: 1, floatingTimeoutMinutes: 10_080 },
      refusalLog: { windowSeconds: 60, maxPerWindow: 600, maxPerDay: 30 },
    }),
  );
  const taken = run([daily], [[c.checkout('L1'), T0]]).events;

  it('O5: past maxPerDay refusal events in a day, refusals are tallied, not recorded', () => {
    const flood = run(
      taken,
      Array.from(
        { length: 100 },
        (_, i) => [c.checkout(`X${i}`, `rnd-${i}`, `k${i}`), at({ m: i })] as const,
      ),
    );
    expect(refusedIn(flood.events)).toBe(30);
    expect(flood.errors.filter((e) => e === 'SEATS_EXHAUSTED')).toHaveLength(70);
  });

  it('U2: a refusal past the bound says what to tally: its kind and reason', () => {
    const full = run(
      taken,
      Array.from({ length: 30 }, (_, i) => [c.checkout(`X${i}`, `n-${i}`), at({ m: i })] as const),
    ).events;
    const r = given(...full).when(c.checkout('Y', 'another'), at({ h: 1 }));
    expect(r.result).toEqual(
      expect.objectContaining({
        left: expect.objectContaining({
          code: 'SEATS_EXHAUSTED',
          suppressedRefusal: { kind: 'checkout', reason: 'SEATS_EXHAUSTED' },
        }),
      }),
    );
    // A day after the first recorded refusal, the budget starts again.
    given(...full)
      .when(c.checkout('Z', 'another'), at({ d: 1 }))
      .then({ type: 'CheckoutRefused.v1' });
  });
});
