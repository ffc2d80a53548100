import { randomFillSync } from 'node:crypto';

const BYTES = 16;
const pool = Buffer.alloc(BYTES * 256);
let used = pool.length;

/** 48-bit milliseconds: a timestamp outside 1970…10889 is clamped (ids stay well formed). */
const MAX_MS = 2 ** 48 - 1;

/**
 * A UUID version 7 (RFC 9562): 48 bits of milliseconds, then 74 random bits. Events appended
 * one after another get ids that sort together, so the store's unique index on event ids
 * grows at its end instead of touching a random page per insert (fewer pages written per
 * commit). Random bits come from a pool filled 256 ids at a time.
 */
export const timeOrderedId = (ms: number): string => {
  if (used >= pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const b = pool.subarray(used, used + BYTES);
  used += BYTES;
  b.writeUIntBE(Math.min(MAX_MS, Math.max(0, Math.floor(ms))), 0, 6);
  b[6] = ((b[6] as number) & 0x0f) | 0x70;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
