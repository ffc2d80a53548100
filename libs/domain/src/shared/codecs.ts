import * as t from 'io-ts';
import { NO_CONTROL_SOURCE, bounded, isCleanText, matching, text } from './bounded';
import { isIsoInstant } from './iso-instant';

/** A UTC instant in the exact form Date#toISOString produces: 2026-11-23T04:55:14.123Z. */
export const Instant = new t.Type<string, string, unknown>(
  'Instant',
  (u): u is string => typeof u === 'string' && isIsoInstant(u),
  (u, c) => (typeof u === 'string' && isIsoInstant(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/** Identifiers we mint ourselves or accept from admins: url-safe, 1..64 characters. */
export const Id = matching('Id', /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 64);
/** A machine fingerprint as the client computes it: printable, 1..256 characters. */
export const Fingerprint = matching('Fingerprint', /^[\x21-\x7e]{1,256}$/, 256);
/** Idempotency-Key header value: 1..255 printable characters. */
export const IdempotencyKey = matching('IdempotencyKey', /^[\x21-\x7e]{1,255}$/, 255);
/** SHA-256, lowercase hex. Secrets enter events only as such hashes. */
export const Sha256Hex = matching('Sha256Hex', /^[0-9a-f]{64}$/, 64);
/** ISO 3166-1 alpha-2 country code, upper case. */
export const CountryCode = matching('CountryCode', /^[A-Z]{2}$/, 2);

/** Longest free text (reasons, licensee, product names) and longest user name. */
export const TEXT_MAX = 500;
export const USERNAME_MAX = 128;

/**
 * A user or service account name: 1..128 characters, no surrounding spaces, no control
 * characters, well-formed. What a command may carry; events read with RecordedUsername.
 */
export const Username = bounded(
  t.string,
  (s) => s.length >= 1 && s.length <= USERNAME_MAX && s.trim() === s && isCleanText(s),
  `a user name (1 to ${USERNAME_MAX} characters, no surrounding spaces, no control characters)`,
  { minLength: 1, maxLength: USERNAME_MAX, pattern: NO_CONTROL_SOURCE },
);

/** Free text a command may carry: 1..500 characters, not blank, no control characters. */
export const Text = text(TEXT_MAX);

/*
 * Event codecs never narrow: an event recorded once is read forever, so what a v1 event was
 * allowed to carry it still may. New decisions are bounded by the stricter command codecs
 * above (and by validatePolicy), which every recorded codec below accepts.
 */

/** Free text as events carry it: 1..500 characters, not blank. */
export const RecordedText = t.refinement(
  t.string,
  (s) => s.trim().length > 0 && s.length <= TEXT_MAX,
  'RecordedText',
);
/** A user name as events carry it: 1..128 characters (C0 controls and DEL excluded). */
export const RecordedUsername = t.refinement(
  t.string,
  (s) =>
    s.length >= 1 &&
    s.length <= USERNAME_MAX &&
    s.trim() === s &&
    [...s].every((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f),
  'RecordedUsername',
);
/** A machine's name as its owner knows it (a hostname): printable, 1..253 characters. */
export const MachineName = matching(
  'MachineName',
  /^[\x21-\x7e](?:[\x20-\x7e]{0,251}[\x21-\x7e])?$/,
  253,
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

export const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

/**
 * A field older events lack: decodes a missing value as `fallback` (an upcast at the decoding
 * boundary, so the rest of the code always sees it).
 */
export const defaulted = <C extends t.Mixed>(codec: C, fallback: t.TypeOf<C>) =>
  Object.assign(
    new t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown>(
      codec.name,
      codec.is,
      (u, c) => (u === undefined ? t.success(fallback) : codec.validate(u, c)),
      codec.encode,
    ),
    { inner: codec, fallback },
  );

/** The codec and default of a `defaulted` field, if it is one. */
export const defaultedOf = (codec: unknown): { inner: t.Mixed; fallback: unknown } | undefined =>
  typeof codec === 'object' && codec !== null && 'inner' in codec && 'fallback' in codec
    ? (codec as { inner: t.Mixed; fallback: unknown })
    : undefined;
