import type { DataSource } from 'typeorm';
import { readCheckpoint, type Checkpoint } from '@lic/read-models';

interface Waiter {
  readonly target: bigint;
  readonly resolve: (checkpoint: Checkpoint) => void;
}

/**
 * Follows the projector's checkpoint in the read database: polls it while someone waits for a
 * position (read-your-writes) or listens for changes (the dashboard's event stream), and not
 * at all otherwise.
 */
export class CheckpointWatcher {
  private latest: Checkpoint | null = null;
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<(checkpoint: Checkpoint) => void>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly db: DataSource,
    private readonly pollMs = 25,
  ) {}

  async current(): Promise<Checkpoint> {
    const checkpoint = await readCheckpoint(this.db);
    this.observe(checkpoint);
    return checkpoint;
  }

  /** The checkpoint once it has reached `target`, or null after `timeoutMs`. */
  async waitFor(target: bigint, timeoutMs: number): Promise<Checkpoint | null> {
    const now = await this.current();
    if (reached(now, target)) return now;
    return new Promise((resolve) => {
      const waiter: Waiter = {
        target,
        resolve: (checkpoint) => {
          clearTimeout(timeout);
          this.waiters.delete(waiter);
          resolve(checkpoint);
        },
      };
      const timeout = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(null);
      }, timeoutMs);
      this.waiters.add(waiter);
      this.schedule();
    });
  }

  /** Calls `listener` with every new checkpoint until the returned function is called. */
  subscribe(listener: (checkpoint: Checkpoint) => void): () => void {
    this.listeners.add(listener);
    this.schedule();
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.closed || this.timer !== undefined) return;
    if (this.waiters.size === 0 && this.listeners.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.current()
        .catch(() => undefined)
        .finally(() => this.schedule());
    }, this.pollMs);
  }

  private observe(checkpoint: Checkpoint): void {
    const changed = this.latest === null || this.latest.position !== checkpoint.position;
    this.latest = checkpoint;
    for (const waiter of [...this.waiters]) {
      if (reached(checkpoint, waiter.target)) waiter.resolve(checkpoint);
    }
    if (changed) for (const listener of [...this.listeners]) listener(checkpoint);
  }
}

const reached = (checkpoint: Checkpoint, target: bigint): boolean =>
  checkpoint.position !== null && checkpoint.position >= target;
