import type { DataSource } from 'typeorm';
import { readCheckpoint } from '@lic/read-models';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const eventually = async <T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms`);
    await sleep(20);
  }
};

/** Waits until the read database's checkpoint has reached `position`. */
export const caughtUp = (db: DataSource, position: bigint | null, timeoutMs = 20_000) =>
  eventually(
    () => readCheckpoint(db),
    (c) => position === null || (c.position !== null && c.position >= position),
    timeoutMs,
    `checkpoint ${String(position)}`,
  );
