import { SystemClock, type Clock } from '@lic/clock';

export type { Clock } from '@lic/clock';

/** Wall-clock time; tests pass the server's test clock instead. */
export const wallClock = (): Clock => new SystemClock();
