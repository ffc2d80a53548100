/**
 * What a latency target asks of a closed-loop load, where each connection sends its next
 * request as soon as the last one is answered (autocannon's way). By Little's law the mean
 * latency is then connections / rate: it is set by the rate, not chosen. A side's p99 is a
 * multiple of that mean, its tail factor, which the machine and the load shape as much as the
 * server does.
 */

/** Mean latency (ms) of `connections` closed-loop connections answered at `reqPerSec`. */
export const meanLatencyMs = (connections: number, reqPerSec: number): number =>
  (connections / reqPerSec) * 1000;

/** p99 over the mean latency the rate implies (Little's law). */
export const tailFactor = (p99Ms: number, connections: number, reqPerSec: number): number =>
  p99Ms / meanLatencyMs(connections, reqPerSec);

/** The p99 (ms) a side with `factor` would show at `reqPerSec`. */
export const p99At = (factor: number, connections: number, reqPerSec: number): number =>
  factor * meanLatencyMs(connections, reqPerSec);

/** The rate (req/s) at which a side with `factor` would show a p99 of `p99Ms`. */
export const rateForP99 = (p99Ms: number, factor: number, connections: number): number =>
  (factor * connections * 1000) / p99Ms;
