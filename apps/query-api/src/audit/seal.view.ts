import { linkOf, type Seal } from '@lic/audit-chain';
import type { RecordedEvent } from '@lic/event-store';

export interface SealView {
  readonly seal_revision: string;
  readonly sealed_at: string;
  readonly up_to: string;
  readonly root: string;
  readonly heads: readonly { stream: string; revision: string; hash: string }[];
  readonly signature: string;
  /** The seal event's own chain link (seals form a chain of their own). */
  readonly prev: string | null;
  readonly hash: string | null;
}

/** A seal event of the seal stream as the API answers it. */
export const sealView = (e: RecordedEvent): SealView => {
  const seal = e.data as unknown as Seal;
  const link = linkOf(e);
  return {
    seal_revision: e.revision.toString(10),
    sealed_at: seal.sealedAt,
    up_to: seal.upTo,
    root: seal.root,
    heads: seal.heads,
    signature: seal.signature,
    prev: link.kind === 'chained' ? link.prev : null,
    hash: link.kind === 'chained' ? link.hash : null,
  };
};
