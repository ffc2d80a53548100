import autocannon from 'autocannon';

/**
 * One side of an interleaved comparison (the command API, or the bare route): its slices
 * summed — requests over the seconds they took, and every response's latency.
 */
export class SideTotals {
  requests = 0;
  seconds = 0;
  non2xx = 0;
  errors = 0;
  private readonly latencies: number[] = [];
  private sorted = true;

  record(latencyMs: number): void {
    this.latencies.push(latencyMs);
    this.sorted = false;
  }

  add(result: autocannon.Result): void {
    this.requests += result.requests.total;
    this.seconds += result.duration;
    this.non2xx += result.non2xx;
    this.errors += result.errors;
  }

  get reqPerSec(): number {
    return this.seconds > 0 ? this.requests / this.seconds : 0;
  }

  /** The latency (ms, to 0.1) that `p` (0..1) of the responses took at most. */
  percentile(p: number): number {
    if (!this.sorted) this.latencies.sort((a, b) => a - b);
    this.sorted = true;
    if (this.latencies.length === 0) return 0;
    const at = Math.min(this.latencies.length - 1, Math.ceil(p * this.latencies.length) - 1);
    return Math.round((this.latencies[Math.max(0, at)] as number) * 10) / 10;
  }
}

/** autocannon, with each response's latency (ms) handed to `onLatency` as it comes. */
export const runRecording = (
  opts: autocannon.Options,
  onLatency?: (ms: number) => void,
): Promise<autocannon.Result> =>
  new Promise((ok, fail) => {
    const instance = autocannon(opts, (err, result) => (err ? fail(err) : ok(result)));
    if (onLatency !== undefined) {
      instance.on('response', (_client, _status, _bytes, ms: number) => onLatency(ms));
    }
  });

/**
 * Runs every side for `slices` rounds, in the order a b c, then c b a, then a b c … (for two
 * sides: a b b a a b …), so that whatever else the shared machine does during the run falls on
 * every side alike.
 */
export const interleave = async (
  slices: number,
  ...sides: readonly (() => Promise<void>)[]
): Promise<void> => {
  for (let i = 0; i < slices; i++) {
    const order = i % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) await side();
  }
};
