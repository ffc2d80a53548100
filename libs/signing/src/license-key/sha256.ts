import { hash } from 'node:crypto';

/** SHA-256 of the UTF-8 bytes of `s`, as 64 lowercase hex digits (one call, no Hash object). */
export const sha256Hex = (s: string): string => hash('sha256', s, 'hex');
