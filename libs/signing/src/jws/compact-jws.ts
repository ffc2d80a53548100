import { KeyObject } from 'node:crypto';
import { compactVerify, errors, type CryptoKey } from 'jose';
import { ALG } from '../keys/ed25519';
import type { KeyRing } from '../keys/key-ring';
import { canonicalJson } from './canonical-json';
import type { JsonValue } from './canonical-json';
import { SigningThread } from './signing-thread';
import { publicKeyFor } from './verification-keys';
import type { VerificationKeys } from './verification-keys';
import { invalid } from './verification-result';
import type { Invalid, InvalidReason } from './verification-result';

/** Node's handle on each ring key, kept here only (a SigningKey exposes no exportable key). */
const keyObjects = new WeakMap<CryptoKey, KeyObject>();
const keyObjectOf = (key: CryptoKey): KeyObject => {
  let object = keyObjects.get(key);
  if (object === undefined) {
    object = KeyObject.from(key);
    keyObjects.set(key, object);
  }
  return object;
};

/** The encoded protected header per key and typ: the same few strings for every answer. */
const headers = new Map<string, string>();
const encodedHeader = (kid: string, typ: string): string => {
  const id = `${kid}\u0000${typ}`;
  let header = headers.get(id);
  if (header === undefined) {
    header = Buffer.from(JSON.stringify({ alg: ALG, kid, typ })).toString('base64url');
    headers.set(id, header);
  }
  return header;
};

/** Started on the first signature: a process that never signs has no signing thread. */
let thread: SigningThread | undefined;
const signingThread = (): SigningThread => (thread ??= SigningThread.start());

/**
 * Signs canonical JSON as a compact JWS with header {"alg":"EdDSA","kid":…,"typ":…} in that
 * order. Ed25519 is deterministic, so the same payload, typ and key give the same bytes.
 * `kid` picks a retired key (to replay an earlier response exactly); default: the current key.
 * Signs with node:crypto on the signing thread (off the event loop), the header encoded once.
 */
export const signCompactJws = async (
  ring: KeyRing,
  typ: string,
  payload: JsonValue,
  kid?: string,
): Promise<string> => {
  const key = kid === undefined ? ring.current : ring.get(kid);
  if (key === undefined) throw new Error(`no signing key ${kid}`);
  const input = `${encodedHeader(key.kid, typ)}.${Buffer.from(canonicalJson(payload)).toString('base64url')}`;
  const signature = await signingThread().sign(key.kid, keyObjectOf(key.privateKey), input);
  return `${input}.${signature}`;
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
