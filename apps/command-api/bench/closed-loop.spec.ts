import fc from 'fast-check';
import { meanLatencyMs, p99At, rateForP99, tailFactor } from './closed-loop';

const connections = fc.integer({ min: 1, max: 1024 });
const rate = fc.double({ min: 1, max: 1e6, noNaN: true });
const factor = fc.double({ min: 1, max: 50, noNaN: true });
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('closed-loop latency arithmetic (bench:api)', () => {
  it("Little's law: 64 connections at 4,000 req/s wait 16 ms on average", () => {
    expect(meanLatencyMs(64, 4000)).toBe(16);
    expect(tailFactor(48, 64, 4000)).toBe(3);
  });

  it('the p99 a tail factor gives at a rate is the one it was measured from', () => {
    fc.assert(
      fc.property(connections, rate, factor, (c, r, f) => {
        const p99 = p99At(f, c, r);
        return close(tailFactor(p99, c, r), f);
      }),
    );
  });

  it('the rate for a p99 gives that p99 back; a tighter p99 needs a higher rate', () => {
    fc.assert(
      fc.property(
        connections,
        factor,
        fc.double({ min: 0.1, max: 1000, noNaN: true }),
        (c, f, t) => {
          const r = rateForP99(t, f, c);
          return close(p99At(f, c, r), t) && rateForP99(t / 2, f, c) > r;
        },
      ),
    );
  });
});
