import { contentHash, linkOf, prefixHash, type ChainEvent, type ChainHead } from './chain-link';

export type BreakKind =
  | 'content-changed'
  | 'moved'
  | 'link-broken'
  | 'missing-revisions'
  | 'out-of-order'
  | 'unchained-after-chain'
  | 'malformed-link'
  | 'seal-mismatch'
  | 'truncated';

/** The first place a stream's history stops verifying, and what was found there. */
export interface ChainBreak {
  readonly stream: string;
  readonly revision: bigint;
  readonly kind: BreakKind;
  readonly detail: string;
}

export interface ChainReport {
  readonly events: number;
  readonly streams: number;
  readonly chainedEvents: number;
  /** Events recorded before the chain existed, at the start of their streams (not tampering). */
  readonly unchainedPrefixEvents: number;
  /** The first break of each broken stream, in the order they were found. */
  readonly breaks: readonly ChainBreak[];
  /** Every stream's last verified link. */
  readonly heads: ReadonlyMap<string, ChainHead>;
}

interface StreamState {
  next: bigint;
  head: string | null;
  chained: boolean;
  broken: boolean;
}

/** How far around a mismatching revision a moved event is looked for. */
const MOVE_WINDOW = 16n;

/**
 * Checks every link of every stream, fed the events in stream order (any interleaving of
 * streams, e.g. the global order). `expect` adds heads the history must contain — a seal's —
 * so a history truncated or rewritten before them is named even if consistently re-chained.
 */
export class ChainVerifier {
  private readonly states = new Map<string, StreamState>();
  private readonly expected = new Map<string, Map<bigint, string>>();
  private readonly found: ChainBreak[] = [];
  private events = 0;
  private chainedEvents = 0;
  private prefixEvents = 0;

  expect(stream: string, head: ChainHead): void {
    const heads = this.expected.get(stream) ?? new Map<bigint, string>();
    heads.set(head.revision, head.hash);
    this.expected.set(stream, heads);
  }

  /** Whether the stream has been seen (or seeded) and not forgotten. */
  knows(stream: string): boolean {
    return this.states.has(stream);
  }

  /** Starts a stream mid-way: its next revision follows `head`, a chained event's hash. */
  seed(stream: string, head: ChainHead): void {
    this.states.set(stream, {
      next: head.revision + 1n,
      head: head.hash,
      chained: true,
      broken: false,
    });
  }

  /** Forgets the longest-known streams beyond `keep` (a long-running watcher's memory bound). */
  forgetBeyond(keep: number): void {
    for (const stream of this.states.keys()) {
      if (this.states.size <= keep) return;
      this.states.delete(stream);
    }
  }

  /** Checks the next event of its stream; returns the break it reveals, if it is the first. */
  add(event: ChainEvent): ChainBreak | null {
    this.events++;
    const stream = event.streamName;
    const state = this.states.get(stream) ?? {
      next: 0n,
      head: null,
      chained: false,
      broken: false,
    };
    this.states.set(stream, state);
    if (state.broken) return null;
    const problem = this.check(state, event) ?? this.checkSealed(stream, state, event.revision);
    if (problem === null) return null;
    state.broken = true;
    const found = { stream, revision: event.revision, ...problem };
    this.found.push(found);
    return found;
  }

  private checkSealed(
    stream: string,
    state: StreamState,
    revision: bigint,
  ): Omit<ChainBreak, 'stream' | 'revision'> | null {
    const sealed = this.expected.get(stream)?.get(revision);
    if (sealed === undefined || sealed === state.head) return null;
    return {
      kind: 'seal-mismatch',
      detail: `a seal recorded hash ${sealed} here; the history gives ${String(state.head)}: it was rewritten up to this revision`,
    };
  }

  /**
   * The report. A sealed head beyond where a stream ends is a truncation — unless the history
   * given was cut on purpose: `cutTail` (it ends at a chosen instant), `cutStreams` (streams
   * absent from it may simply not be part of it).
   */
  report(options: { cutTail?: boolean; cutStreams?: boolean } = {}): ChainReport {
    const breaks = [...this.found];
    for (const [stream, heads] of this.expected) {
      const state = this.states.get(stream);
      if (state?.broken === true || options.cutTail === true) continue;
      if (state === undefined && options.cutStreams === true) continue;
      const last = state === undefined ? -1n : state.next - 1n;
      const beyond = [...heads.keys()].filter((r) => r > last).sort((a, b) => (a < b ? -1 : 1));
      if (beyond.length > 0) {
        breaks.push({
          stream,
          revision: beyond[0],
          kind: 'truncated',
          detail: `a seal covers revision ${beyond[0]}, but the history ends at ${last < 0n ? 'no event' : `revision ${last}`}: later events were removed`,
        });
      }
    }
    const heads = new Map<string, ChainHead>();
    for (const [stream, s] of this.states) {
      if (s.head !== null) heads.set(stream, { revision: s.next - 1n, hash: s.head });
    }
    return {
      events: this.events,
      streams: this.states.size,
      chainedEvents: this.chainedEvents,
      unchainedPrefixEvents: this.prefixEvents,
      breaks,
      heads,
    };
  }

  private check(
    state: StreamState,
    event: ChainEvent,
  ): Omit<ChainBreak, 'stream' | 'revision'> | null {
    if (event.revision > state.next) {
      return {
        kind: 'missing-revisions',
        detail: `expected revision ${state.next}, found ${event.revision}: ${event.revision - state.next} event(s) were deleted`,
      };
    }
    if (event.revision < state.next) {
      return {
        kind: 'out-of-order',
        detail: `revision ${event.revision} comes after revision ${state.next - 1n}: events were duplicated or reordered`,
      };
    }
    const link = linkOf(event);
    if (link.kind === 'malformed') return { kind: 'malformed-link', detail: link.reason };
    if (link.kind === 'unchained') {
      if (state.chained) {
        return {
          kind: 'unchained-after-chain',
          detail:
            'the event carries no chain link although earlier events of its stream do: its metadata was rewritten',
        };
      }
      this.prefixEvents++;
      state.head = prefixHash(event, state.head);
      state.next++;
      return null;
    }
    const actual = contentHash(event);
    if (actual !== link.hash) return this.changed(event, link.hash, actual);
    if (link.prev !== state.head) {
      return {
        kind: 'link-broken',
        detail: `prev is ${String(link.prev)}, but the event before it hashes to ${String(state.head)}: an event before it was deleted, inserted or reordered`,
      };
    }
    this.chainedEvents++;
    state.chained = true;
    state.head = link.hash;
    state.next++;
    return null;
  }

  private changed(
    event: ChainEvent,
    recorded: string,
    actual: string,
  ): Omit<ChainBreak, 'stream' | 'revision'> {
    for (let d = 1n; d <= MOVE_WINDOW; d++) {
      for (const r of [event.revision - d, event.revision + d]) {
        if (r >= 0n && contentHash(event, r) === recorded) {
          return {
            kind: 'moved',
            detail: `the event recorded at revision ${r} (hash ${recorded}) now stands at revision ${event.revision}: events were reordered or removed`,
          };
        }
      }
    }
    return {
      kind: 'content-changed',
      detail: `its content (type, data or metadata) hashes to ${actual}, not to the recorded ${recorded}: the event was altered after it was recorded`,
    };
  }
}

/** Verifies a whole history at once. */
export const verifyChain = (
  events: Iterable<ChainEvent>,
  sealed: Iterable<{ readonly stream: string; readonly head: ChainHead }> = [],
): ChainReport => {
  const verifier = new ChainVerifier();
  for (const s of sealed) verifier.expect(s.stream, s.head);
  for (const e of events) verifier.add(e);
  return verifier.report();
};
