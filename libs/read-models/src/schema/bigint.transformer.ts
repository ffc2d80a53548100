import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL returns bigint columns as strings and better-sqlite3 returns them as numbers; both
 * become bigint in code. A number outside the safe range would already have lost precision, so
 * it fails loudly instead of being passed on.
 */
const toBigint = (value: unknown): bigint => {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new TypeError(`not a bigint column value: ${String(value)}`);
};

export const bigintTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) =>
    value === null || value === undefined ? value : value.toString(10),
  from: (value: unknown) => (value === null || value === undefined ? null : toBigint(value)),
};

/** A bigint column whose values stay below 2^53 (sums of milliseconds): a number in code. */
export const bigNumberTransformer: ValueTransformer = {
  to: (value: number | null | undefined) =>
    value === null || value === undefined ? value : String(value),
  from: (value: unknown) => (value === null || value === undefined ? null : Number(value)),
};
