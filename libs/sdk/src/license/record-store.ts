import { createHash } from 'node:crypto';
import type { CacheRecord } from '../cache/cache-record';
import type { TokenCache } from '../cache/token-cache';
import type { JwksCache } from '../trust/jwks-cache';
import { isJwks } from '../trust/jwks';
import type { CacheNotice } from './license-check';

export const keyIdOf = (licenseKey: string): string =>
  createHash('sha256').update(licenseKey).digest('hex').slice(0, 16);

export interface Loaded {
  readonly record: CacheRecord | null;
  readonly notice: CacheNotice | null;
}

/**
 * Where checkLicense() keeps what it learned: the token cache file (O8), or memory only. A
 * record of another server or key is ignored; the JWKS kept with it serves offline checks.
 */
export class RecordStore {
  private memory: CacheRecord | null = null;

  constructor(
    private readonly cache: TokenCache | null,
    private readonly jwks: JwksCache,
    private readonly origin: string,
    readonly keyId: string,
  ) {}

  async load(): Promise<Loaded> {
    if (this.cache === null) return { record: this.memory, notice: null };
    const read = await this.cache.read();
    if (read.kind === 'unreadable') return { record: null, notice: read.code };
    if (read.kind === 'missing') return { record: null, notice: null };
    const { record } = read;
    if (record.serverUrl !== this.origin || record.keyId !== this.keyId) {
      return { record: null, notice: null };
    }
    if (isJwks(record.jwks)) this.jwks.remember(record.jwks);
    return { record, notice: null };
  }

  /** False if the cache file could not be written; what was decided stands regardless. */
  async save(record: CacheRecord): Promise<boolean> {
    this.memory = record;
    if (this.cache === null) return true;
    try {
      await this.cache.write(record);
      return true;
    } catch {
      return false;
    }
  }

  async clear(): Promise<void> {
    this.memory = null;
    await this.cache?.clear();
  }
}
