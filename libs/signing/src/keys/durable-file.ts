import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// Structural, not `instanceof Error`: errors from node:fs come from another realm under jest.
const errorCode = (e: unknown): unknown =>
  typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;

export const isMissing = (e: unknown): boolean => errorCode(e) === 'ENOENT';

/** Writes `content` to a fresh hidden temporary file beside `path`, flushed to disk. */
const writeTemp = async (path: string, content: string, mode: number): Promise<string> => {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const file = await open(tmp, 'wx', mode);
  try {
    await file.writeFile(content, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  return tmp;
};

/** Makes a rename or link in `dir` durable; best effort where directories cannot be synced. */
const syncDir = async (dir: string): Promise<void> => {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES'].includes(String(errorCode(e)))) throw e;
  }
};

/**
 * Creates `path` with `content` only if it does not exist yet (exclusive create). The content
 * appears all at once: readers never see a half-written file. Returns false if `path` existed.
 */
export const createExclusive = async (
  path: string,
  content: string,
  mode: number,
): Promise<boolean> => {
  const tmp = await writeTemp(path, content, mode);
  try {
    await link(tmp, path);
  } catch (e) {
    if (errorCode(e) === 'EEXIST') return false;
    throw e;
  } finally {
    await unlink(tmp);
  }
  await syncDir(dirname(path));
  return true;
};

/** Replaces `path` with `content` atomically (write a temporary file, then rename over). */
export const replaceAtomically = async (
  path: string,
  content: string,
  mode: number,
): Promise<void> => {
  const tmp = await writeTemp(path, content, mode);
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp);
    throw e;
  }
  await syncDir(dirname(path));
};
