import type { Scheduler } from '../time/scheduler';
import { timerScheduler } from '../time/scheduler';

/** Anything to give back before the process ends: a lease. */
export interface Releasable {
  release(): Promise<unknown>;
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Checks held leases in when the process ends: on SIGINT and SIGTERM (then the signal is
 * raised again, so the process ends as it would have, unless the program listens for that
 * signal itself), and on `beforeExit` (the program's work is done). The listeners are installed
 * once, when the first lease is held, and removed by uninstall().
 */
export class ExitHooks {
  private readonly held = new Set<Releasable>();
  private installed = false;

  constructor(
    private readonly proc: NodeJS.Process = process,
    private readonly scheduler: Scheduler = timerScheduler,
    /** How long a signal waits for the checkins before the process ends anyway. */
    private readonly graceMs = 5_000,
  ) {}

  /** Holds `r` until the returned function is called. */
  add(r: Releasable): () => void {
    this.held.add(r);
    this.install();
    return () => {
      this.held.delete(r);
    };
  }

  get isInstalled(): boolean {
    return this.installed;
  }

  install(): void {
    if (this.installed) return;
    for (const signal of SIGNALS) this.proc.on(signal, this.onSignal);
    this.proc.on('beforeExit', this.onBeforeExit);
    this.installed = true;
  }

  uninstall(): void {
    if (!this.installed) return;
    for (const signal of SIGNALS) this.proc.off(signal, this.onSignal);
    this.proc.off('beforeExit', this.onBeforeExit);
    this.installed = false;
  }

  /** Releases everything held, waiting at most the grace period. */
  async releaseAll(): Promise<void> {
    const all = [...this.held];
    this.held.clear();
    let cancel = () => {};
    const grace = new Promise<void>((resolve) => {
      cancel = this.scheduler.after(this.graceMs, resolve);
    });
    await Promise.race([Promise.allSettled(all.map((r) => r.release())), grace]);
    cancel();
  }

  private readonly onSignal = (signal: NodeJS.Signals): void => {
    const alone = this.proc.listenerCount(signal) === 1;
    void this.releaseAll().then(() => {
      if (!alone) return;
      this.uninstall();
      this.proc.kill(this.proc.pid, signal);
    });
  };

  private readonly onBeforeExit = (): void => {
    if (this.held.size > 0) void this.releaseAll();
  };
}

/** The hooks of this process, shared by every client. */
export const processExitHooks = new ExitHooks();
