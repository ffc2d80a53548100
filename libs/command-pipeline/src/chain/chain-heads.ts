import { linkOf, prefixHash, type ChainEvent, type ChainHead } from '@lic/audit-chain';
import type { EventStore } from '@lic/event-store';

/**
 * A stream's chain head as known to a reader: null for an empty stream, undefined when not known
 * (state loaded from a snapshot, so the events before it were not read).
 */
export type KnownHead = ChainHead | null | undefined;

/** The head after one more event of the stream. */
export const headAfter = (head: KnownHead, event: ChainEvent): KnownHead => {
  const link = linkOf(event);
  if (link.kind === 'chained') return { revision: event.revision, hash: link.hash };
  if (head === undefined) return undefined;
  return { revision: event.revision, hash: prefixHash(event, head?.hash ?? null) };
};

/**
 * Reads a stream's head from the store: its last event when that is chained (the usual case),
 * else the whole unchained stream, hashed as the prefix the first chained event will link to.
 */
export const readHead = async (
  store: EventStore,
  streamName: string,
): Promise<ChainHead | null> => {
  for await (const last of store.readStream(streamName, { direction: 'backwards', maxCount: 1 })) {
    const link = linkOf(last);
    if (link.kind === 'chained') return { revision: last.revision, hash: link.hash };
    let head: KnownHead = null;
    for await (const event of store.readStream(streamName)) head = headAfter(head, event);
    return head ?? null;
  }
  return null;
};
