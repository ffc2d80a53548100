import type { CryptoKey } from 'jose';
import { ALG, importPrivateKey, importPublicKey, thumbprint } from './ed25519';
import type { Ed25519PrivateJwk } from './ed25519';

/** What a JWKS publishes for each key: the public half only. */
export interface PublicSigningJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly kid: string;
  readonly alg: 'EdDSA';
  readonly use: 'sig';
}

export interface JwkSet {
  readonly keys: readonly PublicSigningJwk[];
}

/**
 * One key of the ring. The private key is a non-extractable CryptoKey: it signs, and neither
 * JSON.stringify nor util.inspect nor crypto.subtle.exportKey can reveal its bytes.
 */
export interface SigningKey {
  readonly kid: string;
  /** When the key was generated (epoch ms); null for a key imported from a PEM file. */
  readonly createdAt: number | null;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly publicJwk: PublicSigningJwk;
}

/** Builds a ring key from its JWK; `expectedKid` (a file name) must be the key's thumbprint. */
export const toSigningKey = async (
  jwk: Ed25519PrivateJwk,
  createdAt: number | null,
  expectedKid?: string,
): Promise<SigningKey> => {
  const kid = await thumbprint(jwk.x);
  if (expectedKid !== undefined && expectedKid !== kid) {
    throw new Error(`key ${expectedKid} does not match its thumbprint`);
  }
  const [privateKey, publicKey] = await Promise.all([
    importPrivateKey(jwk),
    importPublicKey(jwk.x),
  ]);
  const publicJwk: PublicSigningJwk = Object.freeze({
    kty: 'OKP',
    crv: 'Ed25519',
    x: jwk.x,
    kid,
    alg: ALG,
    use: 'sig',
  });
  return Object.freeze({ kid, createdAt, privateKey, publicKey, publicJwk });
};
