import { CompactSign, compactVerify, importJWK, type CryptoKey, type JWK } from 'jose';
import { canonicalJson, type JsonValue } from '@lic/signing';

/** A key that signs: the server's current ring key. */
export interface SealingKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
}

/** A JWKS as an auditor holds it (fetched from /.well-known/jwks.json, or a file). */
export interface Jwks {
  readonly keys: readonly JWK[];
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * An Ed25519 JWS (RFC 7515) over the canonical JSON of `body`, with its payload detached
 * (RFC 7515 appendix F): `<protected>..<signature>`. The body travels beside it.
 */
export const signDetached = async (body: JsonValue, key: SealingKey): Promise<string> => {
  const jws = await new CompactSign(utf8(canonicalJson(body)))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .sign(key.privateKey);
  const [header, , signature] = jws.split('.');
  return `${header}..${signature}`;
};

export type SignatureCheck =
  | { readonly valid: true; readonly kid: string }
  | { readonly valid: false; readonly reason: string };

const kidOf = (header: string): string | undefined => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    const kid = (parsed as { kid?: unknown }).kid;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
};

/** Checks a detached JWS over `body` against the Ed25519 key the JWKS gives for its kid. */
export const verifyDetached = async (
  body: JsonValue,
  jws: string,
  jwks: Jwks,
): Promise<SignatureCheck> => {
  const [header, empty, signature] = jws.split('.');
  if (empty !== '' || header === undefined || signature === undefined) {
    return { valid: false, reason: 'not a detached JWS (<protected>..<signature>)' };
  }
  const kid = kidOf(header);
  if (kid === undefined) return { valid: false, reason: 'the signature names no kid' };
  const jwk = jwks.keys.filter(
    (k) => k.kid === kid && k.kty === 'OKP' && k.crv === 'Ed25519' && typeof k.x === 'string',
  );
  if (jwk.length !== 1) return { valid: false, reason: `no Ed25519 key ${kid} in the JWKS` };
  try {
    const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk[0].x }, 'EdDSA');
    const payload = Buffer.from(canonicalJson(body), 'utf8').toString('base64url');
    const { protectedHeader } = await compactVerify(`${header}.${payload}.${signature}`, key);
    if (protectedHeader.alg !== 'EdDSA') return { valid: false, reason: 'not an EdDSA signature' };
    return { valid: true, kid };
  } catch {
    return { valid: false, reason: `the signature does not verify with key ${kid}` };
  }
};
