import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, importPKCS8 } from 'jose';
import type { CryptoKey, JWK } from 'jose';

/** The JWS algorithm identifier every signature of this library carries (RFC 8037). */
export const ALG = 'EdDSA';

/** The parts of an Ed25519 private JWK that matter: the public `x` and the secret `d`. */
export interface Ed25519PrivateJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly d: string;
}

/** 32 bytes in unpadded base64url: the size of an Ed25519 public key and of its seed. */
export const isKeyBytes = (s: unknown): s is string =>
  typeof s === 'string' && /^[A-Za-z0-9_-]{43}$/.test(s);

const toPrivateJwk = (jwk: JWK): Ed25519PrivateJwk => {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !isKeyBytes(jwk.x) || !isKeyBytes(jwk.d)) {
    throw new TypeError('not an Ed25519 private key');
  }
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d };
};

/** A fresh key pair; the one moment a private key is extractable is to be written to disk. */
export const generateEd25519 = async (): Promise<Ed25519PrivateJwk> => {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  return toPrivateJwk(await exportJWK(privateKey));
};

/** A PKCS#8 PEM private key, read as a JWK; anything but Ed25519 is refused. */
export const pkcs8ToJwk = async (pem: string): Promise<Ed25519PrivateJwk> =>
  toPrivateJwk(await exportJWK(await importPKCS8(pem, ALG, { extractable: true })));

/** The RFC 7638 SHA-256 thumbprint of the public key: every key's `kid`. */
export const thumbprint = (x: string): Promise<string> =>
  calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }, 'sha256');

/** Imports the private key as non-extractable: from here on it can sign, never be read. */
export const importPrivateKey = async (jwk: Ed25519PrivateJwk): Promise<CryptoKey> =>
  (await importJWK({ ...jwk }, ALG, { extractable: false })) as CryptoKey;

export const importPublicKey = async (x: string): Promise<CryptoKey> =>
  (await importJWK({ kty: 'OKP', crv: 'Ed25519', x }, ALG)) as CryptoKey;
