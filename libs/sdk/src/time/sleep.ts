import { LicenseError, SdkCodes } from '../errors/license-error';
import type { Scheduler } from './scheduler';

const aborted = () =>
  new LicenseError({ code: SdkCodes.ABORTED, message: 'the operation was cancelled' });

/** Waits `ms` on the scheduler; rejects with ABORTED as soon as `signal` aborts. */
export const sleep = (scheduler: Scheduler, ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(aborted());
    const onAbort = () => {
      cancel();
      reject(aborted());
    };
    const cancel = scheduler.after(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export const throwIfAborted = (signal?: AbortSignal): void => {
  if (signal?.aborted) throw aborted();
};
