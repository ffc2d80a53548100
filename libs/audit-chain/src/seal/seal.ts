import { canonicalJson, type JsonValue } from '@lic/signing';
import type { ChainHead } from '../chain-link';
import { signDetached, verifyDetached, type Jwks, type SealingKey } from './detached-jws';
import { merkleRoot } from './merkle';

/** Seals live in their own stream (valid on SQLite and KurrentDB alike; never projected). */
export const SEAL_STREAM = 'audit-seals';
export const SEAL_EVENT_TYPE = 'ChainSealed.v1';

export interface SealedHead {
  readonly stream: string;
  /** Decimal string. */
  readonly revision: string;
  readonly hash: string;
}

/** What a seal signs. */
export interface SealBody {
  /** ISO-8601, from the clock. */
  readonly sealedAt: string;
  /** Global position (decimal) of the last event the seal looked at; the next seal starts after it. */
  readonly upTo: string;
  /** The head of every stream changed since the previous seal, sorted by stream. */
  readonly heads: readonly SealedHead[];
  /** RFC 6962 Merkle root over the canonical JSON of each head, in that order. */
  readonly root: string;
}

/** A seal event's data: the body and its detached Ed25519 JWS. */
export interface Seal extends SealBody {
  readonly signature: string;
}

const leaf = (h: SealedHead): string => canonicalJson({ ...h });

export const sealRoot = (heads: readonly SealedHead[]): string => merkleRoot(heads.map(leaf));

const bodyOf = (seal: SealBody): SealBody => ({
  sealedAt: seal.sealedAt,
  upTo: seal.upTo,
  heads: seal.heads.map((h) => ({ stream: h.stream, revision: h.revision, hash: h.hash })),
  root: seal.root,
});

export const makeSeal = async (
  heads: ReadonlyMap<string, ChainHead>,
  sealedAt: string,
  upTo: bigint,
  key: SealingKey,
): Promise<Seal> => {
  const sorted = [...heads.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([stream, h]) => ({ stream, revision: h.revision.toString(10), hash: h.hash }));
  const body: SealBody = {
    sealedAt,
    upTo: upTo.toString(10),
    heads: sorted,
    root: sealRoot(sorted),
  };
  return { ...body, signature: await signDetached(body as unknown as JsonValue, key) };
};

export type SealCheck =
  | { readonly valid: true; readonly kid: string }
  | { readonly valid: false; readonly reason: string };

/** A seal is valid when its root is its heads' and its signature verifies with the JWKS. */
export const verifySeal = async (data: unknown, jwks: Jwks): Promise<SealCheck> => {
  const seal = data as Partial<Seal>;
  if (
    typeof seal !== 'object' ||
    seal === null ||
    typeof seal.sealedAt !== 'string' ||
    typeof seal.upTo !== 'string' ||
    !Array.isArray(seal.heads) ||
    typeof seal.root !== 'string' ||
    typeof seal.signature !== 'string'
  ) {
    return { valid: false, reason: 'not a seal (sealedAt, upTo, heads, root, signature)' };
  }
  const full = seal as Seal;
  if (sealRoot(full.heads) !== full.root) {
    return { valid: false, reason: 'its Merkle root is not the root of its heads' };
  }
  return verifyDetached(bodyOf(full) as unknown as JsonValue, full.signature, jwks);
};

/** The heads a seal vouches for, as the chain verifier expects them. */
export const sealedHeads = (seal: Seal): { stream: string; head: ChainHead }[] =>
  seal.heads.map((h) => ({
    stream: h.stream,
    head: { revision: BigInt(h.revision), hash: h.hash },
  }));
