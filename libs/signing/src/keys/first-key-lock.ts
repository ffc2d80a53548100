import { open, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMissing } from './durable-file';

const LOCK = '.first-key.lock';
/** A lock unchanged while we waited this long was left by a process that died holding it. */
const STALE_MS = 15_000;
const POLL_MS = 20;

const errorCode = (e: unknown): unknown =>
  typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;

/**
 * Serialises the creation of a key directory's first key across processes: replicas started
 * together on an empty key volume must end with exactly one key. One process takes the lock
 * (an exclusively created file) and creates the key; the others wait until `isDone()` holds.
 * A lock left behind by a process that died is broken after STALE_MS; `current.json` is still
 * created exclusively, so even then only one key becomes current.
 */
export const withFirstKeyLock = async (
  dir: string,
  isDone: () => Promise<boolean>,
  create: () => Promise<void>,
): Promise<void> => {
  const path = join(dir, LOCK);
  let waitingOn: { mtimeMs: number; since: number } | undefined;
  for (;;) {
    if (await isDone()) return;
    const lock = await open(path, 'wx', 0o600).catch((e: unknown) => {
      if (errorCode(e) === 'EEXIST') return null;
      throw e;
    });
    if (lock !== null) {
      try {
        await lock.writeFile(`${process.pid}\n`);
        if (!(await isDone())) await create();
        return;
      } finally {
        await lock.close();
        await unlink(path).catch((e: unknown) => {
          if (!isMissing(e)) throw e;
        });
      }
    }
    waitingOn = await breakIfStale(path, waitingOn);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
};

/** Removes the lock once it has stayed the same lock for STALE_MS while we waited on it. */
const breakIfStale = async (
  path: string,
  seen: { mtimeMs: number; since: number } | undefined,
): Promise<{ mtimeMs: number; since: number } | undefined> => {
  try {
    const { mtimeMs } = await stat(path);
    if (seen === undefined || seen.mtimeMs !== mtimeMs) {
      return { mtimeMs, since: performance.now() };
    }
    if (performance.now() - seen.since > STALE_MS) await unlink(path);
    return seen;
  } catch (e) {
    if (!isMissing(e)) throw e;
    return undefined;
  }
};
