import type { AppendResult } from '../event-store.port';
import type { CommitBatch, Outcome } from './append-batch';
import type { AppendRequest } from './sqlite-append';

interface Pending {
  readonly request: AppendRequest;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: the appends requested within one turn of the event loop — and all those
 * requested while the previous group was being committed — go to the disk in one
 * transaction (`appendBatch`), one group at a time. An append is acknowledged only after the
 * commit that contains it.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private committing = false;

  constructor(
    private readonly commitBatch: CommitBatch,
    private readonly onCommitted: () => void,
  ) {}

  append(request: AppendRequest): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.committing || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const pending = this.queue;
    this.queue = [];
    this.scheduled = false;
    this.committing = true;
    try {
      const outcomes = await this.commitBatch(pending.map((p) => p.request));
      this.onCommitted();
      pending.forEach((p, i) => {
        const outcome = outcomes[i] as Outcome; // one per request, in their order
        if (outcome.ok) p.resolve(outcome.result);
        else p.reject(outcome.error);
      });
    } catch (error) {
      pending.forEach((p) => p.reject(error));
    } finally {
      this.committing = false;
      this.schedule();
    }
  }
}
