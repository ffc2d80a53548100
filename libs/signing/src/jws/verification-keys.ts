import { importJWK } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { ALG, isKeyBytes } from '../keys/ed25519';
import { KeyRing } from '../keys/key-ring';

/** A JWKS document as parsed from JSON, or as ring.jwks() returns it. */
export interface JwksDocument {
  readonly keys: readonly JWK[];
}

/** Whatever can verify: the server's own ring, or a JWKS document (e.g. fetched and parsed). */
export type VerificationKeys = KeyRing | JwksDocument;

const isEd25519SigningKey = (jwk: JWK, kid: string): boolean =>
  jwk.kid === kid &&
  jwk.kty === 'OKP' &&
  jwk.crv === 'Ed25519' &&
  isKeyBytes(jwk.x) &&
  jwk.d === undefined &&
  (jwk.alg === undefined || jwk.alg === ALG) &&
  (jwk.use === undefined || jwk.use === 'sig');

/**
 * The public key for `kid`, or undefined. From a JWKS, exactly one Ed25519 signature key must
 * carry that kid; only its `x` is imported (nothing else of the document is trusted).
 */
export const publicKeyFor = async (
  keys: VerificationKeys,
  kid: string,
): Promise<CryptoKey | undefined> => {
  if (keys instanceof KeyRing) return keys.get(kid)?.publicKey;
  const candidates = Array.isArray(keys.keys)
    ? keys.keys.filter((k) => typeof k === 'object' && k !== null && isEd25519SigningKey(k, kid))
    : [];
  if (candidates.length !== 1) return undefined;
  try {
    return (await importJWK({ kty: 'OKP', crv: 'Ed25519', x: candidates[0]!.x }, ALG)) as CryptoKey;
  } catch {
    return undefined;
  }
};
