import { performance } from 'node:perf_hooks';
import { EventStoreUnavailableError } from '../event-store.port';

/**
 * How long one store call may take, retries included. `race` gives up on a promise once the
 * time is over, with EventStoreUnavailableError: a node that stops answering fails the call
 * instead of leaving it (and the command waiting on it) hanging forever.
 */
export class Deadline {
  private endsAt: number;

  constructor(
    private readonly ms: number,
    private readonly what: string,
  ) {
    this.endsAt = performance.now() + ms;
  }

  /** Milliseconds left (at least 1: the client refuses a zero deadline). */
  get remainingMs(): number {
    return Math.max(1, Math.ceil(this.endsAt - performance.now()));
  }

  get expired(): boolean {
    return performance.now() >= this.endsAt;
  }

  /** Starts the allowance afresh (a long read that keeps making progress is not cut off). */
  renew(): void {
    this.endsAt = performance.now() + this.ms;
  }

  unavailable(cause?: unknown): EventStoreUnavailableError {
    const reason =
      cause === undefined
        ? `no answer within ${this.ms} ms`
        : `${cause instanceof Error ? cause.message : String(cause)} (for ${this.ms} ms)`;
    return new EventStoreUnavailableError(`${this.what}: ${reason}`, 1, { cause });
  }

  async race<T>(promise: Promise<T>): Promise<T> {
    promise.catch(() => undefined); // if time runs out first, its later failure is expected
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.unavailable()), this.endsAt - performance.now());
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
