import { EventStoreClosedError } from './event-store.port';

/**
 * Counts a store's calls in flight and refuses new ones once closing has begun, so that close()
 * can wait for the work in hand (an append, a snapshot save) before it releases the connection,
 * and nothing opens the connection again afterwards.
 */
export class CallGate {
  private closing = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  get closed(): boolean {
    return this.closing;
  }

  /** Throws EventStoreClosedError once close() has begun. */
  enter(what: string): void {
    if (this.closing) throw new EventStoreClosedError(what);
  }

  /** Runs one call, counted until it settles. */
  run<T>(what: string, call: () => Promise<T>): Promise<T> {
    this.enter(what);
    const running = call();
    this.inFlight.add(running);
    const forget = () => this.inFlight.delete(running);
    running.then(forget, forget);
    return running;
  }

  /**
   * A read handed out as an iterable. Each pull from the store is a call in flight; a consumer
   * that stops pulling holds nothing up. After close() the next pull is refused.
   */
  async *iterate<T>(
    what: string,
    read: () => AsyncIterable<T>,
  ): AsyncGenerator<T, void, undefined> {
    this.enter(what);
    const iterator = read()[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await this.run(what, () => iterator.next());
        if (next.done === true) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }

  /** Refuses new calls, then waits until every call in flight has settled. */
  async close(): Promise<void> {
    this.closing = true;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
