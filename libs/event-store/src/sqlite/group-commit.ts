import type Database from 'better-sqlite3';
import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port';
import { retryWhenBusy } from './sqlite-busy';

export interface AppendRequest {
  readonly streamName: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
}

type AppendBody = (request: AppendRequest) => AppendResult;
type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

interface Pending {
  readonly request: AppendRequest;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: the appends requested within one turn of the event loop are written in one
 * BEGIN IMMEDIATE transaction, so they share one fsync (synchronous=FULL makes every commit
 * durable, at the price of a disk flush). Each append runs in its own savepoint with its own
 * expected-revision check: a conflict fails that append alone, and the others still commit.
 * An append is acknowledged only after the commit that contains it.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly batch: (requests: readonly AppendRequest[]) => Outcome[];

  constructor(
    db: Database.Database,
    body: AppendBody,
    private readonly onCommitted: () => void,
  ) {
    const one = db.transaction(body);
    const all = db.transaction((requests: readonly AppendRequest[]): Outcome[] =>
      requests.map((request) => {
        try {
          // Nested in `all`, better-sqlite3 runs `one` in a SAVEPOINT and rolls it back alone.
          return { ok: true, result: one(request) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
    this.batch = (requests) => all.immediate(requests);
  }

  append(request: AppendRequest): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const pending = this.queue;
    this.queue = [];
    this.scheduled = false;
    let outcomes: Outcome[];
    try {
      const streams = [...new Set(pending.map((p) => p.request.streamName))].join(', ');
      outcomes = await retryWhenBusy(`append to ${streams}`, () =>
        this.batch(pending.map((p) => p.request)),
      );
    } catch (error) {
      pending.forEach((p) => p.reject(error));
      return;
    }
    this.onCommitted();
    pending.forEach((p, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) p.resolve(outcome.result);
      else p.reject(outcome.error);
    });
  }
}
