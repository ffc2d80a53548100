import type { Expectation, LoggedEvent, ProposedEvent } from './in-memory-log';
import type { RecentEventIds } from './recent-event-ids';

/** What the server decides about a write before committing it (its "commit check"). */
export type CommitDecision =
  | { readonly kind: 'ok' }
  | { readonly kind: 'wrong_expected_version' }
  /** Every proposed event is already in the stream: answer success, write nothing. */
  | { readonly kind: 'idempotent'; readonly last: LoggedEvent };

const ok: CommitDecision = { kind: 'ok' };
const wrong: CommitDecision = { kind: 'wrong_expected_version' };

/**
 * The commit check of a KurrentDB node, for one stream:
 *
 * - With an expected revision (or no_stream, i.e. -1) *behind* the stream's end, the write may be
 *   a retry: each proposed id must sit at the revision it would have had (expected + 1, + 2, ...).
 *   All of them do: idempotent. The first does not: an ordinary conflict. A later one does not
 *   (a partial retry, or a retry extending past the end): a conflict too (the server's
 *   "corrupted idempotency", answered as wrong expected version).
 * - With `any` or `stream_exists`, the server looks the ids up in a bounded cache of recently
 *   written ids: all found in this stream, idempotent; the first not found, a new write (even if
 *   a later one was written before: then it is written twice); some found and then one not, a
 *   conflict. Once an id has left the cache a retry is written again, so `any` gives no
 *   idempotency guarantee, as documented for the real server.
 * - Otherwise the ordinary check of the expected revision.
 */
export function checkCommit(
  stream: readonly LoggedEvent[],
  events: readonly ProposedEvent[],
  expectation: Expectation,
  recent: RecentEventIds,
  streamName: string,
): CommitDecision {
  const current = stream.length - 1; // -1: no stream
  switch (expectation.kind) {
    case 'stream_exists':
      if (current < 0) return wrong;
      return checkRecent(events, recent, streamName);
    case 'any':
      return checkRecent(events, recent, streamName);
    case 'no_stream':
      return checkRevision(stream, events, -1);
    case 'revision':
      return checkRevision(stream, events, Number(expectation.revision));
  }
}

function checkRevision(
  stream: readonly LoggedEvent[],
  events: readonly ProposedEvent[],
  expected: number,
): CommitDecision {
  const current = stream.length - 1;
  if (expected > current) return wrong;
  if (expected === current) return ok;
  if (events.length === 0) return wrong;
  let last: LoggedEvent | undefined;
  for (const [i, event] of events.entries()) {
    const written = stream[expected + 1 + i];
    if (written === undefined || written.id !== event.id) return wrong;
    last = written;
  }
  return last === undefined ? wrong : { kind: 'idempotent', last };
}

function checkRecent(
  events: readonly ProposedEvent[],
  recent: RecentEventIds,
  streamName: string,
): CommitDecision {
  let last: LoggedEvent | undefined;
  for (const [i, event] of events.entries()) {
    const written = recent.get(event.id);
    if (written === undefined || written.streamName !== streamName) return i === 0 ? ok : wrong;
    last = written;
  }
  return last === undefined ? ok : { kind: 'idempotent', last };
}
