import { randomBytes } from 'node:crypto';
import { mkdir, open as openFile, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isRight } from 'fp-ts/Either';
import { SdkCodes } from '../errors/license-error';
import { CacheRecord } from './cache-record';
import { open, seal } from './cache-cipher';

export type CacheRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'found'; readonly record: CacheRecord }
  | {
      readonly kind: 'unreadable';
      readonly code: typeof SdkCodes.CACHE_FROM_ANOTHER_MACHINE | typeof SdkCodes.CACHE_CORRUPT;
    };

const isMissing = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ENOENT';

/**
 * The token cache file of one machine (O8): sealed with the machine fingerprint, written
 * atomically (a private temporary file, fsync, rename) with mode 0600 in a 0700 directory.
 */
export class TokenCache {
  constructor(
    readonly file: string,
    private readonly fingerprint: string,
  ) {}

  async read(): Promise<CacheRead> {
    let sealed: Buffer;
    try {
      sealed = await readFile(this.file);
    } catch (e) {
      if (isMissing(e)) return { kind: 'missing' };
      throw e;
    }
    const opened = open(sealed, this.fingerprint);
    if (opened.kind === 'another-machine') {
      return { kind: 'unreadable', code: SdkCodes.CACHE_FROM_ANOTHER_MACHINE };
    }
    if (opened.kind === 'corrupt') return { kind: 'unreadable', code: SdkCodes.CACHE_CORRUPT };
    let json: unknown;
    try {
      json = JSON.parse(opened.plaintext.toString('utf8'));
    } catch {
      return { kind: 'unreadable', code: SdkCodes.CACHE_CORRUPT };
    }
    const decoded = CacheRecord.decode(json);
    return isRight(decoded)
      ? { kind: 'found', record: decoded.right }
      : { kind: 'unreadable', code: SdkCodes.CACHE_CORRUPT };
  }

  async write(record: CacheRecord): Promise<void> {
    const dir = dirname(this.file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temporary = join(dir, `.${basename(this.file)}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await openFile(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(seal(Buffer.from(JSON.stringify(record), 'utf8'), this.fingerprint));
      await handle.sync();
    } catch (e) {
      await handle.close();
      await rm(temporary, { force: true });
      throw e;
    }
    await handle.close();
    await rename(temporary, this.file);
  }

  async clear(): Promise<void> {
    await rm(this.file, { force: true });
  }
}
