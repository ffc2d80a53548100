import type { Clock } from '@lic/clock';
import type { Cancel, Scheduler } from '@lic/sdk';

interface Task {
  readonly due: number;
  readonly run: () => void | Promise<void>;
}

/**
 * A Scheduler on the server's test clock: a task runs once that clock reaches its due time,
 * whether real time got there (short back-offs) or the test advanced the clock (heartbeats
 * minutes apart). settle() runs what is due and waits for it, requests included.
 */
export class ClockScheduler implements Scheduler {
  private readonly tasks = new Set<Task>();
  private readonly running = new Set<Promise<void>>();
  private readonly poll: NodeJS.Timeout;

  constructor(private readonly clock: Clock) {
    this.poll = setInterval(() => this.runDue(), 5);
  }

  after(ms: number, run: () => void | Promise<void>): Cancel {
    const task: Task = { due: this.clock.now() + Math.max(0, ms), run };
    this.tasks.add(task);
    return () => {
      this.tasks.delete(task);
    };
  }

  /** Runs every due task and waits until nothing due or running is left. */
  async settle(): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      this.runDue();
      if (this.running.size === 0) return;
      await Promise.all([...this.running]);
    }
    throw new Error('the scheduler did not settle');
  }

  stop(): void {
    clearInterval(this.poll);
  }

  private runDue(): void {
    const now = this.clock.now();
    const due = [...this.tasks].filter((t) => t.due <= now).sort((a, b) => a.due - b.due);
    for (const task of due) {
      this.tasks.delete(task);
      const p: Promise<void> = Promise.resolve()
        .then(task.run)
        .catch(() => undefined)
        .finally(() => this.running.delete(p));
      this.running.add(p);
    }
  }
}
