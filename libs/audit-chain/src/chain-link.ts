import { hashEvent, HASH_PATTERN } from './event-hash';

/** An event as the chain sees it: what every store and every export line gives back. */
export interface ChainEvent {
  readonly streamName: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: object;
}

/** The last link of a stream: the hash the next event must name as its `prev`. */
export interface ChainHead {
  readonly revision: bigint;
  readonly hash: string;
}

export type Link =
  | {
      readonly kind: 'chained';
      readonly at: string;
      readonly prev: string | null;
      readonly hash: string;
    }
  | { readonly kind: 'unchained' }
  | { readonly kind: 'malformed'; readonly reason: string };

const fieldsOf = (metadata: object): Record<string, unknown> => metadata as Record<string, unknown>;

/** Reads the chain fields of an event's metadata. */
export const linkOf = (event: ChainEvent): Link => {
  const { at, prev, hash } = fieldsOf(event.metadata);
  if (at === undefined && prev === undefined && hash === undefined) return { kind: 'unchained' };
  if (typeof hash !== 'string' || !HASH_PATTERN.test(hash)) {
    return { kind: 'malformed', reason: 'metadata.hash is not 64 lowercase hex digits' };
  }
  if (prev !== null && (typeof prev !== 'string' || !HASH_PATTERN.test(prev))) {
    return { kind: 'malformed', reason: 'metadata.prev is neither null nor a hash' };
  }
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) {
    return { kind: 'malformed', reason: 'metadata.at is not an ISO-8601 instant' };
  }
  return { kind: 'chained', at, prev, hash };
};

/** The hash a chained event's content gives (at a revision, by default its own). */
export const contentHash = (event: ChainEvent, revision = event.revision): string => {
  const { hash: _hash, ...metadata } = fieldsOf(event.metadata);
  return hashEvent({
    stream: event.streamName,
    revision,
    type: event.type,
    data: event.data,
    metadata,
    instant: typeof metadata.at === 'string' ? metadata.at : null,
  });
};

/**
 * The hash an event recorded before the chain existed stands for: its content, linked to the
 * one before it as if it had been chained (no instant: a store copy may re-date it). The first
 * chained event of a stream links to it, so the unchained prefix cannot change unnoticed either.
 */
export const prefixHash = (event: ChainEvent, prev: string | null): string =>
  hashEvent({
    stream: event.streamName,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata: { ...fieldsOf(event.metadata), prev },
    instant: null,
  });

/** The hash the event after `event` must link to (`head`: the hash before `event`). */
export const hashAfter = (head: string | null, event: ChainEvent): string => {
  const link = linkOf(event);
  return link.kind === 'chained' ? link.hash : prefixHash(event, head);
};

/** An event about to be appended, with the metadata the pipeline gives it. */
export interface UnlinkedEvent<M extends object> {
  readonly id: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: M;
}

/**
 * Links events about to be appended after `head` (null: the stream is empty): each gets the
 * decision instant, its predecessor's hash and its own. Computed on every decision attempt, so
 * a retry after a conflict links to the head it was decided on.
 */
export const linkEvents = <M extends object>(
  streamName: string,
  head: ChainHead | null,
  events: readonly UnlinkedEvent<M>[],
  at: string,
): UnlinkedEvent<M & { at: string; prev: string | null; hash: string }>[] => {
  let prev = head?.hash ?? null;
  let revision = head === null ? 0n : head.revision + 1n;
  return events.map((event) => {
    const metadata = { ...event.metadata, at, prev };
    const hash = contentHash({
      streamName,
      revision,
      type: event.type,
      data: event.data,
      metadata,
    });
    prev = hash;
    revision += 1n;
    return { ...event, metadata: { ...metadata, hash } };
  });
};
