import { CompactSign, compactVerify, errors } from 'jose';
import type { CompactJWSHeaderParameters } from 'jose';
import { ALG } from '../keys/ed25519';
import type { KeyRing } from '../keys/key-ring';
import { canonicalJson } from './canonical-json';
import type { JsonValue } from './canonical-json';
import { publicKeyFor } from './verification-keys';
import type { VerificationKeys } from './verification-keys';
import { invalid } from './verification-result';
import type { Invalid, InvalidReason } from './verification-result';

/**
 * Signs canonical JSON as a compact JWS with header {"alg":"EdDSA","kid":…,"typ":…} in that
 * order. Ed25519 is deterministic, so the same payload, typ and key give the same bytes.
 * `kid` picks a retired key (to replay an earlier response exactly); default: the current key.
 */
export const signCompactJws = async (
  ring: KeyRing,
  typ: string,
  payload: JsonValue,
  kid?: string,
): Promise<string> => {
  const key = kid === undefined ? ring.current : ring.get(kid);
  if (key === undefined) throw new Error(`no signing key ${kid}`);
  const header: CompactJWSHeaderParameters = { alg: ALG, kid: key.kid, typ };
  return new CompactSign(new TextEncoder().encode(canonicalJson(payload)))
    .setProtectedHeader(header)
    .sign(key.privateKey);
};

export interface VerifiedJws {
  readonly kind: 'verified';
  readonly kid: string;
  /** The payload, parsed as JSON, authenticated but not yet validated. */
  readonly payload: unknown;
}

/** Thrown by the key resolver to refuse a token before any signature work. */
class Refused extends Error {
  constructor(readonly reason: InvalidReason) {
    super(reason);
  }
}

const reasonOf = (e: unknown): InvalidReason => {
  if (e instanceof Refused) return e.reason;
  if (e instanceof errors.JOSEAlgNotAllowed) return 'algorithm-not-allowed';
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  if (e instanceof errors.JOSEError) return 'malformed';
  throw e;
};

/**
 * Verifies a compact JWS: alg EdDSA only (checked before any key is looked at, so `none`,
 * HS256 and RS256 never reach a key), the expected `typ`, a `kid` the keys know, and the
 * Ed25519 signature. Then parses the payload as JSON.
 */
export const verifyCompactJws = async (
  keys: VerificationKeys,
  jws: string,
  typ: string,
): Promise<VerifiedJws | Invalid> => {
  let verified: { payload: Uint8Array; kid: string };
  try {
    const { payload, protectedHeader } = await compactVerify(
      jws,
      async (header) => {
        if (header.typ !== typ) throw new Refused('wrong-typ');
        const key =
          typeof header.kid === 'string' ? await publicKeyFor(keys, header.kid) : undefined;
        if (key === undefined) throw new Refused('unknown-kid');
        return key;
      },
      { algorithms: [ALG] },
    );
    verified = { payload, kid: String(protectedHeader.kid) };
  } catch (e) {
    return invalid(reasonOf(e));
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(verified.payload);
    return { kind: 'verified', kid: verified.kid, payload: JSON.parse(text) as unknown };
  } catch {
    return invalid('malformed');
  }
};
