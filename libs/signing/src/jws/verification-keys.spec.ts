import { openKeyRing } from '../keys/open-key-ring';
import { tempDirs } from '../testing/temp-dir';
import { publicKeyFor } from './verification-keys';
import type { JwksDocument } from './verification-keys';

const T0 = Date.UTC(2026, 0, 1);
const newDir = tempDirs();

describe('publicKeyFor a JWKS document', () => {
  it('finds the Ed25519 signature key with that kid, and only such a key', async () => {
    const ring = await openKeyRing({ dir: await newDir(), now: T0 });
    const jwk = ring.current.publicJwk;
    const { kid } = jwk;
    const found = await publicKeyFor({ keys: [jwk] }, kid);
    expect(found).toMatchObject({ type: 'public', algorithm: { name: 'Ed25519' } });
    expect(
      await publicKeyFor({ keys: [{ ...jwk, alg: undefined, use: undefined }] }, kid),
    ).toBeDefined();

    const refused: unknown[][] = [
      [],
      [{ ...jwk, kid: 'other' }],
      [{ ...jwk, use: 'enc' }],
      [{ ...jwk, alg: 'RS256' }],
      [{ ...jwk, crv: 'X25519' }],
      [{ ...jwk, x: 'short' }],
      [{ ...jwk, d: jwk.x }], // a private key has no place in a JWKS
      [jwk, { ...jwk }], // ambiguous
      [{ kty: 'oct', k: jwk.x, kid }],
      [null, 'junk'],
    ];
    for (const keys of refused) {
      expect(await publicKeyFor({ keys } as unknown as JwksDocument, kid)).toBeUndefined();
    }
    expect(await publicKeyFor({} as unknown as JwksDocument, kid)).toBeUndefined();
  });

  it('a ring answers from its own keys, retired ones included', async () => {
    const ring = await openKeyRing({ dir: await newDir(), now: T0 });
    expect(await publicKeyFor(ring, ring.current.kid)).toBe(ring.current.publicKey);
    expect(await publicKeyFor(ring, 'unknown')).toBeUndefined();
  });
});
