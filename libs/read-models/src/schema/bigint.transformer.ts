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

/**
 * A count or cap from an event: a safe integer is stored as it is. An event recorded before
 * the bounds existed may carry a larger number (up to 1e308): it is stored as 2^53 − 1, the
 * largest a number column can hold exactly (the exact value stays in the event and in the
 * JSON columns that copy it), so no event stops the projection.
 */
export const countTransformer: ValueTransformer = {
  to: (value: number | null | undefined) =>
    value === null || value === undefined
      ? value
      : String(
          Number.isSafeInteger(value) ? value : Math.sign(value) * Number.MAX_SAFE_INTEGER || 0,
        ),
  from: (value: unknown) => (value === null || value === undefined ? null : Number(value)),
};

/** A bigint column whose values stay below 2^53 (sums of milliseconds): a number in code. */
export const bigNumberTransformer: ValueTransformer = {
  to: (value: number | null | undefined) =>
    value === null || value === undefined ? value : String(value),
  from: (value: unknown) => (value === null || value === undefined ? null : Number(value)),
};
