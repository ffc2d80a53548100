import type { Clock } from './clock';

/**
 * A clock that runs with real time but can be moved forward, like Stripe's test clocks.
 * Used by end-to-end tests (LICENSE_TEST_CLOCK=1) and unit tests; never by production.
 */
export class TestClock implements Clock {
  private offsetMs = 0;

  constructor(
    private readonly base: Clock,
    private frozenAt?: number,
  ) {}

  now(): number {
    return (this.frozenAt ?? this.base.now()) + this.offsetMs;
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('a clock only moves forward');
    this.offsetMs += ms;
    return this.now();
  }

  get offset(): number {
    return this.offsetMs;
  }
}

/** A clock frozen at a fixed instant, moved only by advance(): for deterministic tests. */
export const fixedClock = (at: number): TestClock => new TestClock({ now: () => 0 }, at);
