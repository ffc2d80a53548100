import { importJWK, type CryptoKey, type JWK } from 'jose';

/** The server's published keys, as parsed from /.well-known/jwks.json. */
export interface Jwks {
  readonly keys: readonly JWK[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const isJwks = (v: unknown): v is Jwks =>
  isObject(v) && Array.isArray(v.keys) && v.keys.every(isObject);

export const ALG = 'EdDSA';

const isEd25519PublicKey = (jwk: JWK, kid: string): boolean =>
  jwk.kid === kid &&
  jwk.kty === 'OKP' &&
  jwk.crv === 'Ed25519' &&
  typeof jwk.x === 'string' &&
  /^[A-Za-z0-9_-]{43}$/.test(jwk.x) &&
  jwk.d === undefined &&
  (jwk.alg === undefined || jwk.alg === ALG) &&
  (jwk.use === undefined || jwk.use === 'sig');

/**
 * The public key for `kid`: exactly one Ed25519 signature key must carry it, and only its `x`
 * is imported — nothing else of the document is trusted.
 */
export const publicKeyFor = async (jwks: Jwks, kid: string): Promise<CryptoKey | undefined> => {
  const candidates = jwks.keys.filter((k) => isEd25519PublicKey(k, kid));
  if (candidates.length !== 1) return undefined;
  try {
    return (await importJWK({ kty: 'OKP', crv: 'Ed25519', x: candidates[0]!.x }, ALG)) as CryptoKey;
  } catch {
    return undefined;
  }
};
