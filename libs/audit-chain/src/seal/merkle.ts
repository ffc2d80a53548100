import { createHash } from 'node:crypto';

const sha256 = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/**
 * The Merkle tree hash of RFC 6962 (certificate transparency) over the leaves' UTF-8 bytes:
 * leaves hashed with a 0x00 prefix, inner nodes with 0x01, the left subtree the largest power
 * of two below n. 64 hex digits; the empty tree hashes to SHA-256 of nothing.
 */
export const merkleRoot = (leaves: readonly string[]): string => {
  const hash = (from: number, to: number): Buffer => {
    const n = to - from;
    if (n === 0) return sha256();
    if (n === 1) return sha256(LEAF, Buffer.from(leaves[from], 'utf8'));
    let k = 1;
    while (k * 2 < n) k *= 2;
    return sha256(NODE, hash(from, from + k), hash(from + k, to));
  };
  return hash(0, leaves.length).toString('hex');
};
