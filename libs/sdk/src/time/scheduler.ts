/** Cancels a scheduled task; calling it after the task ran does nothing. */
export type Cancel = () => void;

export interface ScheduleOptions {
  /**
   * A background task does not keep the process alive on its own (a lease's next heartbeat):
   * a program whose work is done may exit, and its exit hooks check the lease in.
   */
  readonly background?: boolean;
}

/**
 * Every delay of the SDK (heartbeats, back-off, request timeouts) goes through a Scheduler, so
 * that tests can drive time with the same clock as the server's.
 */
export interface Scheduler {
  /** Runs `task` once, `ms` milliseconds from now. A returned promise is awaited by tests. */
  after(ms: number, task: () => void | Promise<void>, options?: ScheduleOptions): Cancel;
}

/** The default: Node timers. */
export const timerScheduler: Scheduler = {
  after(ms, task, options = {}) {
    const timer = setTimeout(
      () => {
        void Promise.resolve()
          .then(task)
          .catch(() => undefined);
      },
      Math.max(0, ms),
    );
    if (options.background) timer.unref();
    return () => clearTimeout(timer);
  },
};
