/**
 * How often another process's commits are looked for while a subscriber waits: every
 * MIN_POLL_MS right after a change (a writer that just committed usually commits again soon),
 * backing off by half again per quiet poll up to POLL_INTERVAL_MS. One poll is one
 * `PRAGMA data_version` (a few microseconds), so following a busy writer costs little and
 * an idle one costs what it did before.
 */
export const MIN_POLL_MS = 2;
export const POLL_INTERVAL_MS = 25;

/** Where the table stood: other connections' commits, and appends through this one. */
export interface ChangeMark {
  readonly dataVersion: bigint;
  readonly localAppends: number;
}

interface Waiter {
  readonly baseline: ChangeMark;
  readonly wake: () => void;
}

/**
 * Wakes waiting subscribers when the events table may have grown: at once for appends made
 * through this connection (notify), and by polling `PRAGMA data_version` for commits made by
 * other connections (another process, another store on the same file). Polls only while
 * someone waits.
 */
export class ChangeNotifier {
  private readonly waiters = new Set<Waiter>();
  private timer: NodeJS.Timeout | undefined;
  private interval = MIN_POLL_MS;
  private closed = false;
  private localAppends = 0;

  constructor(private readonly dataVersion: () => bigint) {}

  /** The mark to pass to waitForChange, taken *before* looking for new events. */
  mark(): ChangeMark {
    return { dataVersion: this.dataVersion(), localAppends: this.localAppends };
  }

  /** Resolves once anything was committed after `baseline`, or on abort or close. */
  waitForChange(baseline: ChangeMark, signal: AbortSignal): Promise<void> {
    const changed =
      baseline.localAppends !== this.localAppends || baseline.dataVersion !== this.dataVersion();
    if (this.closed || signal.aborted || changed) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter: Waiter = {
        baseline,
        wake: () => {
          signal.removeEventListener('abort', waiter.wake);
          this.waiters.delete(waiter);
          this.stopPollingIfIdle();
          resolve();
        },
      };
      signal.addEventListener('abort', waiter.wake, { once: true });
      this.waiters.add(waiter);
      if (this.timer === undefined) this.schedule();
    });
  }

  /** An append through this connection committed. */
  notify(): void {
    this.localAppends++;
    this.wakeAll();
  }

  close(): void {
    this.closed = true;
    this.wakeAll();
  }

  private wakeAll(): void {
    for (const waiter of [...this.waiters]) waiter.wake();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.poll();
      if (this.waiters.size > 0) this.schedule();
    }, this.interval);
  }

  private poll(): void {
    let version: bigint;
    try {
      version = this.dataVersion();
    } catch {
      this.wakeAll(); // the connection is gone: let subscribers find out when they read
      return;
    }
    let changed = false;
    for (const waiter of [...this.waiters]) {
      if (waiter.baseline.dataVersion !== version) {
        changed = true;
        waiter.wake();
      }
    }
    this.interval = changed
      ? MIN_POLL_MS
      : Math.min(POLL_INTERVAL_MS, Math.ceil(this.interval * 1.5));
  }

  private stopPollingIfIdle(): void {
    if (this.waiters.size === 0 && this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
