import { heartbeatDelay, heartbeatRetryDelay } from './heartbeat-timing';

const MIN = 60_000;

describe('heartbeat timing', () => {
  it('seed 001: beats at a third of the remaining time — every 5 minutes for 15, never near expiry', () => {
    expect(heartbeatDelay(15 * MIN)).toBe(5 * MIN);
    expect(heartbeatDelay(3 * MIN)).toBe(MIN);
    expect(heartbeatDelay(-5)).toBe(0);
  });

  it('F2: retries back off with jitter, doubling, capped at a minute', () => {
    expect(heartbeatRetryDelay(1, 15 * MIN, () => 0)).toBe(500);
    expect(heartbeatRetryDelay(1, 15 * MIN, () => 0.999)).toBeCloseTo(1000, -1);
    expect(heartbeatRetryDelay(3, 15 * MIN, () => 0)).toBe(2000);
    expect(heartbeatRetryDelay(20, 15 * MIN, () => 1)).toBe(60_000);
  });

  it('F5: retries never sleep through more than a quarter of what is left of the lease', () => {
    expect(heartbeatRetryDelay(20, 2 * MIN, () => 1)).toBe(30_000);
    expect(heartbeatRetryDelay(20, 400, () => 1)).toBe(250);
  });

  it('RATE_LIMITED: honours Retry-After, still within the lease', () => {
    expect(heartbeatRetryDelay(1, 15 * MIN, () => 0, 30)).toBe(30_000);
    expect(heartbeatRetryDelay(1, 60_000, () => 0, 30)).toBe(15_000);
  });
});
