import fc from 'fast-check';
import { DAY, Instant, LATEST_INSTANT_MS, toIso } from '@lic/domain';

describe('instants round-trip (A1: every event reads back)', () => {
  it('A1: toIso never produces what the Instant codec refuses, whatever the number', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -8.64e15, max: 8.64e15 }),
          fc.double({ min: -1e300, max: 1e300, noNaN: true }),
          fc.constantFrom(Infinity, -Infinity, LATEST_INSTANT_MS + 1, 3_000_000 * DAY),
        ),
        (ms) => Instant.is(toIso(ms)),
      ),
      { seed: 11, numRuns: 5_000 },
    );
  });

  it('A1: within the codec range it is exact', () => {
    expect(toIso(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(toIso(LATEST_INSTANT_MS)).toBe('9999-12-31T23:59:59.999Z');
    expect(toIso(LATEST_INSTANT_MS + 1)).toBe('9999-12-31T23:59:59.999Z');
  });
});
