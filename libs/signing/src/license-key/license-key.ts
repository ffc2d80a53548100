import { sha256Hex } from './sha256';

/**
 * License keys: `lk_<licenseId>_<secret>`, the secret being 32 random bytes in unpadded
 * base64url — always exactly 43 characters.
 *
 * Why this parses unambiguously although both a license id and base64url may contain `_`:
 * the secret has a fixed length, so it is the last 43 characters, the character before it
 * must be `_`, and the license id is everything between the `lk_` prefix and that separator.
 * No search for a separator is involved. A parsed id must still be a valid license id
 * (`[A-Za-z0-9][A-Za-z0-9_.-]{0,63}`) and the secret canonical base64url of 32 bytes (the
 * last character carries 2 zero padding bits), so each key has exactly one spelling.
 *
 * Only the key's SHA-256 (hashLicenseKey) is ever stored; the key itself is shown once.
 */
const PREFIX = 'lk_';
const SECRET_BYTES = 32;
const SECRET_LENGTH = 43;
const LICENSE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/**
 * 43 base64url characters carry 258 bits; 32 bytes fill 256, so the last character's two low
 * bits must be zero: it is one of the 16 characters whose alphabet index is a multiple of 4.
 * That is the canonical spelling — what encoding the decoded bytes gives back — checked without
 * decoding (every client request carries a key).
 */
const CANONICAL_SECRET = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

const encodeSecret = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/** Exported for its test: the same answer as decoding and encoding again. */
export const isCanonicalSecret = (s: string): boolean => CANONICAL_SECRET.test(s);

/** `randomBytes`: 32 bytes from a CSPRNG (the caller uses node:crypto randomBytes). */
export const mintLicenseKey = (licenseId: string, randomBytes: Uint8Array): string => {
  if (!LICENSE_ID.test(licenseId)) throw new RangeError('not a valid license id');
  if (randomBytes.length !== SECRET_BYTES) {
    throw new RangeError(`a license key needs exactly ${SECRET_BYTES} random bytes`);
  }
  return `${PREFIX}${licenseId}_${encodeSecret(randomBytes)}`;
};

/** The license id a key names, or null if `key` is not a well-formed license key. */
export const parseLicenseKey = (key: string): { licenseId: string } | null => {
  const separator = key.length - SECRET_LENGTH - 1;
  if (!key.startsWith(PREFIX) || separator <= PREFIX.length || key[separator] !== '_') return null;
  const licenseId = key.slice(PREFIX.length, separator);
  const secret = key.slice(separator + 1);
  return LICENSE_ID.test(licenseId) && isCanonicalSecret(secret) ? { licenseId } : null;
};

/** What is stored and looked up instead of the key (A1: no secret enters an event). */
export const hashLicenseKey = (key: string): string => sha256Hex(key);
