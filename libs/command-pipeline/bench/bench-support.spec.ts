import fc from 'fast-check';
import { median, percentile, roundsOf } from './bench-support';

describe('the store benches’ statistics', () => {
  it('cuts the samples into consecutive rounds that keep every sample, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true })),
        fc.integer({ min: 1, max: 20 }),
        (xs, n) => {
          const blocks = roundsOf(xs, n);
          expect(blocks.flat()).toEqual(xs);
          expect(blocks).toHaveLength(Math.max(1, Math.min(n, xs.length)));
          const sizes = blocks.map((b) => b.length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('takes the median of the rounds, so that one stalled round does not move it', () => {
    expect(median([1.1, 1.0, 9.0])).toBe(1.1);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([])).toBeNaN();
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1 }),
        (xs) => {
          const m = median(xs);
          expect(xs.filter((x) => x < m).length).toBeLessThanOrEqual(xs.length / 2);
          expect(xs.filter((x) => x > m).length).toBeLessThanOrEqual(xs.length / 2);
        },
      ),
    );
  });

  it('reads a p99 of 1,000 samples as the tenth slowest', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(percentile(xs, 0.99)).toBe(991);
  });
});
