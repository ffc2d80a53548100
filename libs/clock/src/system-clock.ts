import type { Clock } from './clock';

/** Wall-clock time. The one place in the code base allowed to call Date.now(). */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}
