import { given, run } from '../testing/license-spec';
import { T0, at, commands as c, floatingPolicy, issued } from '../testing/fixtures';

const cap1 = issued(floatingPolicy(1));
const full = run([cap1], [[c.checkout('L1'), T0]]).events;

describe('refusals are data (U2) without unbounded growth (O5)', () => {
  it('U2: every refused checkout is recorded with its reason, or tallied', () => {
    const flood = run(
      full,
      Array.from(
        { length: 300 },
        (_, i) => [c.checkout(`X${i}`, `fp-${i}`, `k${i}`), at({ s: i })] as const,
      ),
    );
    const recorded = flood.events.filter((e) => e.type === 'CheckoutRefused.v1');
    // 300 refusals over 5 minutes with a 60-second window: one recorded per window.
    expect(recorded).toHaveLength(5);
    // The other 295 were refused as well, unrecorded and marked for the tally.
    expect(flood.errors.filter((e) => e === 'SEATS_EXHAUSTED')).toHaveLength(295);
  });

  it('O5: a repeat inside the window is refused without an event, marked as suppressed', () => {
    const once = run(full, [[c.checkout('X1'), at({ s: 1 })]]).events;
    given(...once)
      .when(c.checkout('X2'), at({ s: 60, ms: -1 }))
      .thenError('SEATS_EXHAUSTED', { suppressedRefusal: true });
    given(...once)
      .when(c.checkout('X2'), at({ s: 61 }))
      .then({ type: 'CheckoutRefused.v1' });
  });

  it('U2: suppressed refusals are tallied into one event by the caller', () => {
    given(...full)
      .when(
        {
          type: 'TallyRefusals',
          licenseId: 'lic-1',
          actor: { kind: 'system', id: 'refusal-tally' },
          kind: 'checkout',
          reason: 'SEATS_EXHAUSTED',
          count: 42,
          from: '2026-01-01T00:00:00.000Z',
          to: '2026-01-01T00:01:00.000Z',
        },
        at({ m: 1 }),
      )
      .then({ type: 'RefusalsTallied.v1', data: { count: 42, reason: 'SEATS_EXHAUSTED' } });
  });
});
