import { randomUUID } from 'node:crypto';
import {
  SEAL_EVENT_TYPE,
  SEAL_STREAM,
  linkEvents,
  linkOf,
  makeSeal,
  type ChainHead,
  type Seal,
  type SealingKey,
} from '@lic/audit-chain';
import type { Clock } from '@lic/clock';
import { WrongExpectedRevisionError, type EventStore } from '@lic/event-store';

export type SealOutcome =
  | { readonly kind: 'sealed'; readonly revision: bigint; readonly seal: Seal }
  | { readonly kind: 'nothing-new' }
  /** Another replica appended a seal first; the next run covers what it did not. */
  | { readonly kind: 'sealed-elsewhere' };

/**
 * Records a seal: the chain head of every stream changed since the last seal (found by reading
 * $all after the position the last seal covered), their Merkle root, signed with the current
 * key. Several replicas may run it: the append names the seal stream's revision it read, so
 * of two concurrent seals one is recorded and the other gives way.
 */
export const recordSeal = async (
  store: EventStore,
  clock: Clock,
  key: () => SealingKey,
): Promise<SealOutcome> => {
  let last: { revision: bigint; hash: string | null; upTo: bigint } | null = null;
  for await (const e of store.readStream(SEAL_STREAM, { direction: 'backwards', maxCount: 1 })) {
    const link = linkOf(e);
    last = {
      revision: e.revision,
      hash: link.kind === 'chained' ? link.hash : null,
      upTo: BigInt(String((e.data as { upTo?: unknown }).upTo ?? '0')),
    };
  }
  const heads = new Map<string, ChainHead>();
  let upTo = last?.upTo ?? 0n;
  for await (const e of store.readAll(last === null ? {} : { after: last.upTo })) {
    upTo = e.position;
    if (e.streamName === SEAL_STREAM) continue;
    const link = linkOf(e);
    if (link.kind === 'chained') heads.set(e.streamName, { revision: e.revision, hash: link.hash });
  }
  if (heads.size === 0) return { kind: 'nothing-new' };
  const sealedAt = new Date(clock.now()).toISOString();
  const seal = await makeSeal(heads, sealedAt, upTo, key());
  const head =
    last === null || last.hash === null ? null : { revision: last.revision, hash: last.hash };
  const [event] = linkEvents(
    SEAL_STREAM,
    head,
    [
      {
        id: randomUUID(),
        type: SEAL_EVENT_TYPE,
        data: seal as unknown as Record<string, unknown>,
        metadata: { correlationId: randomUUID(), causationId: null, actor: 'system:sealer' },
      },
    ],
    sealedAt,
  );
  try {
    const result = await store.appendToStream(SEAL_STREAM, [event], last?.revision ?? 'no_stream');
    return { kind: 'sealed', revision: result.nextExpectedRevision, seal };
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return { kind: 'sealed-elsewhere' };
    throw error;
  }
};
