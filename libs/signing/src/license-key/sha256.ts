import { createHash } from 'node:crypto';

/** SHA-256 of the UTF-8 bytes of `s`, as 64 lowercase hex digits. */
export const sha256Hex = (s: string): string =>
  createHash('sha256').update(s, 'utf8').digest('hex');
