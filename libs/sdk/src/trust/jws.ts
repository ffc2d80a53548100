import { compactVerify, errors } from 'jose';
import { ALG, publicKeyFor, type Jwks } from './jwks';

/** Why a signed answer was refused. Coarse on purpose: attacker input is never echoed. */
export type Rejection =
  | 'malformed'
  | 'algorithm-not-allowed'
  | 'wrong-typ'
  | 'unknown-kid'
  | 'bad-signature'
  | 'bad-claims'
  | 'wrong-audience';

export interface Rejected {
  readonly kind: 'rejected';
  readonly reason: Rejection;
}

export const rejected = (reason: Rejection): Rejected => ({ kind: 'rejected', reason });

export const isRejected = (r: { readonly kind: string }): r is Rejected => r.kind === 'rejected';

export interface VerifiedJws {
  readonly kind: 'verified';
  readonly kid: string;
  /** Authenticated, parsed as JSON, not yet validated. */
  readonly payload: unknown;
}

class Refused extends Error {
  constructor(readonly reason: Rejection) {
    super(reason);
  }
}

const reasonOf = (e: unknown): Rejection => {
  if (e instanceof Refused) return e.reason;
  if (e instanceof errors.JOSEAlgNotAllowed) return 'algorithm-not-allowed';
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  if (e instanceof errors.JOSEError) return 'malformed';
  throw e;
};

/**
 * A compact JWS checked the way the server signs it: alg EdDSA only (so `none`, HS256 and RS256
 * never reach a key), the expected `typ`, a `kid` of the JWKS, and the Ed25519 signature.
 */
export const verifyJws = async (
  jwks: Jwks,
  jws: string,
  typ: string,
): Promise<VerifiedJws | Rejected> => {
  let verified: { payload: Uint8Array; kid: string };
  try {
    const { payload, protectedHeader } = await compactVerify(
      jws,
      async (header) => {
        if (header.typ !== typ) throw new Refused('wrong-typ');
        const key =
          typeof header.kid === 'string' ? await publicKeyFor(jwks, header.kid) : undefined;
        if (key === undefined) throw new Refused('unknown-kid');
        return key;
      },
      { algorithms: [ALG] },
    );
    verified = { payload, kid: String(protectedHeader.kid) };
  } catch (e) {
    return rejected(reasonOf(e));
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(verified.payload);
    return { kind: 'verified', kid: verified.kid, payload: JSON.parse(text) as unknown };
  } catch {
    return rejected('malformed');
  }
};
