export const TIMED_OUT = Symbol('timed out');
export const STOPPED = Symbol('stopped');

/**
 * Waits for `next`, at most `ms` (null: no limit), and no longer than until `stop` aborts.
 * `next` keeps running when the wait ends first: the caller awaits the same promise again.
 */
export const nextOrTimeout = <T>(
  next: Promise<T>,
  ms: number | null,
  stop: AbortSignal,
): Promise<T | typeof TIMED_OUT | typeof STOPPED> => {
  if (stop.aborted) return Promise.resolve(STOPPED);
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onStop = () => finish(() => resolve(STOPPED));
    const finish = (settle: () => void) => {
      if (timer !== undefined) clearTimeout(timer);
      stop.removeEventListener('abort', onStop);
      settle();
    };
    if (ms !== null) timer = setTimeout(() => finish(() => resolve(TIMED_OUT)), Math.max(0, ms));
    stop.addEventListener('abort', onStop, { once: true });
    next.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
};

export const sleep = (ms: number, stop: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (stop.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stop.addEventListener('abort', done, { once: true });
  });
