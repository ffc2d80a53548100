import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { hashLicenseKey, isCanonicalSecret, mintLicenseKey, parseLicenseKey } from './license-key';
import { sha256Hex } from './sha256';

/** 32 bytes whose base64url is full of '_' and '-': the case a naive split gets wrong. */
const underscores = new Uint8Array(32).fill(0xff);
const counting = Uint8Array.from({ length: 32 }, (_, i) => i);

describe('license keys', () => {
  it('lk_<licenseId>_<43 base64url characters>', () => {
    expect(mintLicenseKey('lic-1', counting)).toBe(
      `lk_lic-1_${Buffer.from(counting).toString('base64url')}`,
    );
    expect(mintLicenseKey('lic-1', underscores)).toMatch(/^lk_lic-1_[_-]{42}8$/);
  });

  it.each(['lic-1', 'a', 'my_license_2', 'lk_x', 'v1.2_a-b', 'Z'.repeat(64), '0__-.'])(
    'round-trips the id %p, underscores in id and secret notwithstanding',
    (licenseId) => {
      for (const bytes of [underscores, counting]) {
        expect(parseLicenseKey(mintLicenseKey(licenseId, bytes))).toEqual({ licenseId });
      }
    },
  );

  it.each([
    ['', 'empty'],
    ['lk_lic-1_c2VjcmV0LXNlY3JldC1zZWNyZXQ', 'secret too short'],
    [`lk__${'A'.repeat(43)}`, 'empty id'],
    [`lk_${'A'.repeat(43)}`, 'no id at all'],
    [`lk_-x_${'A'.repeat(43)}`, 'id starting with -'],
    [`lk_lic 1_${'A'.repeat(43)}`, 'space in id'],
    [`lk_${'a'.repeat(65)}_${'A'.repeat(43)}`, 'id of 65 characters'],
    [`lk_lic-1-${'A'.repeat(43)}`, 'no separator'],
    [`LK_lic-1_${'A'.repeat(43)}`, 'prefix case'],
    [`lk_lic-1_${'A'.repeat(42)}=`, 'padding'],
    [`lk_lic-1_${'A'.repeat(42)}B`, 'non-canonical last character'],
    [`lk_lic-1_${'A'.repeat(43)}A`, 'secret too long'],
  ])('refuses %p (%s)', (key) => {
    expect(parseLicenseKey(key)).toBeNull();
  });

  it('A1: a secret is canonical exactly when decoding and encoding it again gives it back', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ .';
    const char = fc.constantFrom(...alphabet.split(''));
    const roundTrips = (s: string) =>
      s.length === 43 &&
      /^[A-Za-z0-9_-]+$/.test(s) &&
      Buffer.from(Buffer.from(s, 'base64url')).toString('base64url') === s;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(char, { minLength: 40, maxLength: 45 }).map((cs) => cs.join('')),
          fc
            .uint8Array({ minLength: 32, maxLength: 32 })
            .map((b) => Buffer.from(b).toString('base64url')),
        ),
        (s) => expect(isCanonicalSecret(s)).toBe(roundTrips(s)),
      ),
      { numRuns: 5000 },
    );
    for (const last of alphabet.slice(0, 64)) {
      const s = `${'A'.repeat(42)}${last}`;
      expect(isCanonicalSecret(s)).toBe(roundTrips(s));
    }
  });

  it('mints only from 32 random bytes and a valid id', () => {
    expect(() => mintLicenseKey('lic-1', new Uint8Array(31))).toThrow(RangeError);
    expect(() => mintLicenseKey('lic_1/..', counting)).toThrow(RangeError);
  });

  it('A1: the stored form is the SHA-256 hex of the key', () => {
    const key = mintLicenseKey('lic-1', counting);
    const expected = createHash('sha256').update(key).digest('hex');
    expect(hashLicenseKey(key)).toBe(expected);
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
