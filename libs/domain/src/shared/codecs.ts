import * as t from 'io-ts';

/** A UTC instant in the exact form Date#toISOString produces: 2026-11-23T04:55:14.123Z. */
export const Instant = new t.Type<string, string, unknown>(
  'Instant',
  (u): u is string => typeof u === 'string' && isIsoInstant(u),
  (u, c) => (typeof u === 'string' && isIsoInstant(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isIsoInstant = (s: string): boolean =>
  ISO.test(s) && !Number.isNaN(Date.parse(s)) && new Date(Date.parse(s)).toISOString() === s;

const pattern = (name: string, re: RegExp) => t.refinement(t.string, (s) => re.test(s), name);

/** Identifiers we mint ourselves or accept from admins: url-safe, 1..64 characters. */
export const Id = pattern('Id', /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/);
/** A machine fingerprint as the client computes it: printable, 1..256 characters. */
export const Fingerprint = pattern('Fingerprint', /^[\x21-\x7e]{1,256}$/);
/** A user or service account name: 1..128 printable characters, no surrounding spaces. */
export const Username = t.refinement(
  t.string,
  (s) =>
    s.length >= 1 &&
    s.length <= 128 &&
    s.trim() === s &&
    [...s].every((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f),
  'Username',
);
/** Idempotency-Key header value: 1..255 printable characters. */
export const IdempotencyKey = pattern('IdempotencyKey', /^[\x21-\x7e]{1,255}$/);
/** SHA-256, lowercase hex. Secrets enter events only as such hashes. */
export const Sha256Hex = pattern('Sha256Hex', /^[0-9a-f]{64}$/);
/** ISO 3166-1 alpha-2 country code, upper case. */
export const CountryCode = pattern('CountryCode', /^[A-Z]{2}$/);
/** A machine's name as its owner knows it (a hostname): printable, 1..253 characters. */
export const MachineName = pattern(
  'MachineName',
  /^[\x21-\x7e](?:[\x20-\x7e]{0,251}[\x21-\x7e])?$/,
);

export const PositiveInt = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n > 0,
  'PositiveInt',
);
export const NonNegativeInt = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 0,
  'NonNegativeInt',
);
export const NonEmptyText = t.refinement(
  t.string,
  (s) => s.trim().length > 0 && s.length <= 500,
  'NonEmptyText',
);

export const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);
