import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Subscription } from '../event-store.port';
import type { ChangeNotifier } from './change-notifier';

export const SUBSCRIPTION_PAGE_SIZE = 256;

/** Reads up to `limit` events strictly after `after`, in position order. */
export type PageReader<T> = (after: bigint, limit: number) => readonly T[];

/** The longest a subscriber may ask the store to gather before it reads (one minute). */
export const MAX_GATHER_MS = 60_000;

/**
 * Catch-up and live are the same loop: read the next page strictly after the last position
 * handed over; when a page comes back short, wait for a change (then `gatherMs` more, so that
 * one read takes what several commits wrote) and read again. Appends commit whole and in
 * position order (BEGIN IMMEDIATE), so "after the last position" never skips an event and
 * never repeats one, at the seam or anywhere else.
 */
export class SqliteSubscription<
  T extends { readonly position: bigint },
> implements Subscription<T> {
  private readonly abort = new AbortController();
  private iterated = false;

  constructor(
    private readonly readPage: PageReader<T>,
    private readonly notifier: ChangeNotifier,
    private readonly after: bigint,
    private readonly onClose: (subscription: SqliteSubscription<T>) => void,
    private readonly gatherMs = 0,
  ) {
    if (!Number.isInteger(gatherMs) || gatherMs < 0 || gatherMs > MAX_GATHER_MS) {
      throw new RangeError(`gatherMs must be an integer from 0 to ${MAX_GATHER_MS}: ${gatherMs}`);
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.iterated) throw new Error('a subscription can be iterated only once');
    this.iterated = true;
    return this.run();
  }

  async close(): Promise<void> {
    this.abort.abort();
    this.onClose(this);
  }

  private async *run(): AsyncGenerator<T, void, undefined> {
    const signal = this.abort.signal;
    let last = this.after;
    try {
      while (!signal.aborted) {
        const mark = this.notifier.mark();
        const page = this.readPage(last, SUBSCRIPTION_PAGE_SIZE);
        for (const event of page) {
          if (signal.aborted) return;
          last = event.position;
          yield event;
        }
        if (page.length < SUBSCRIPTION_PAGE_SIZE && !signal.aborted) {
          await this.notifier.waitForChange(mark, signal);
          await this.gather(signal);
        } else if (!signal.aborted) {
          // Catching up: the loop turns between full pages (see the store's own reads).
          await nextTurn();
        }
      }
    } finally {
      this.abort.abort();
      this.onClose(this);
    }
  }

  /** Lets more commits land before the next read (close() cuts it short). */
  private async gather(signal: AbortSignal): Promise<void> {
    if (this.gatherMs === 0 || signal.aborted) return;
    try {
      await sleep(this.gatherMs, undefined, { signal });
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  }
}
