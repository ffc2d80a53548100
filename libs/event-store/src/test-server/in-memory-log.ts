import type { Clock } from '@lic/clock';
import { checkCommit } from './commit-check';
import { RecentEventIds } from './recent-event-ids';

/** An event as the client proposes it (Append / BatchAppend ProposedMessage). */
export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface LoggedEvent extends ProposedEvent {
  readonly streamName: string;
  readonly revision: bigint;
  /** Commit and prepare position: the same for every event not written in a transaction. */
  readonly position: bigint;
  /** 100 ns ticks since the Unix epoch, as the server puts them in the `created` field. */
  readonly createdTicks: bigint;
}

export type Expectation =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

export type AppendOutcome =
  | { readonly ok: true; readonly revision: bigint; readonly position: bigint }
  | { readonly ok: false; readonly current: bigint | undefined };

/** Where committed writes go before they are acknowledged (the test server's file, if any). */
export interface Journal {
  write(events: readonly LoggedEvent[], nextPosition: bigint): void;
}

export interface InMemoryLogOptions {
  /** Ids remembered for the idempotency check of `any` writes (default 100,000). */
  readonly idCacheSize?: number;
  readonly journal?: Journal;
}

/** Where the first record lands: a real log starts with its epoch records. */
export const FIRST_POSITION = 1024n;
/** Fixed part of a record's size; positions are byte offsets, so they grow by record size. */
const RECORD_OVERHEAD = 96;
const TICKS_PER_MS = 10_000n;

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');
const recordSize = (streamName: string, event: ProposedEvent): bigint =>
  BigInt(
    RECORD_OVERHEAD +
      byteLength(streamName) +
      byteLength(event.type) +
      event.data.length +
      event.customMetadata.length,
  );

/**
 * The transaction log of the test server: `$all` is the array, each stream an index into it.
 * Positions are handed out at commit, strictly increasing and sparse (like byte offsets of a
 * real log), so a client that assumes `position + 1` is the next event fails here as it would
 * against a real server, and a subscriber never sees a lower position after a higher one.
 */
export class InMemoryLog {
  private readonly all: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  private readonly recent: RecentEventIds;
  private readonly listeners = new Set<() => void>();
  private nextPosition = FIRST_POSITION;

  constructor(
    private readonly clock: Clock,
    private readonly options: InMemoryLogOptions = {},
  ) {
    this.recent = new RecentEventIds(options.idCacheSize ?? 100_000);
  }

  get size(): number {
    return this.all.length;
  }

  at(index: number): LoggedEvent {
    const event = this.all[index];
    if (event === undefined) throw new RangeError(`no event at index ${index} of $all`);
    return event;
  }

  stream(streamName: string): readonly LoggedEvent[] | undefined {
    return this.streams.get(streamName);
  }

  /** Index in $all of the first event whose position is >= position (size if none). */
  indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.at(mid).position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Index in $all of the first event whose position is > position (size if none). */
  indexAfter(position: bigint): number {
    const index = this.indexAtOrAfter(position);
    return index < this.all.length && this.at(index).position === position ? index + 1 : index;
  }

  /**
   * Where a read of $all may start: the beginning (0), a record, or the end and beyond. A real
   * server refuses positions inside a record ("invalid position").
   */
  isRecordBoundary(position: bigint): boolean {
    if (position === 0n || position >= this.nextPosition) return true;
    const index = this.indexAtOrAfter(position);
    return index < this.all.length && this.at(index).position === position;
  }

  /** Calls `listener` after every append until the returned function is called. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(
    streamName: string,
    events: readonly ProposedEvent[],
    expectation: Expectation,
  ): AppendOutcome {
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? undefined : BigInt(stream.length - 1);
    const decision = checkCommit(stream, events, expectation, this.recent, streamName);
    if (decision.kind === 'wrong_expected_version') return { ok: false, current };
    if (decision.kind === 'idempotent') {
      return { ok: true, revision: decision.last.revision, position: decision.last.position };
    }
    if (events.length === 0) return { ok: true, revision: current ?? -1n, position: -1n };

    const createdTicks = BigInt(this.clock.now()) * TICKS_PER_MS;
    let next = this.nextPosition;
    const logged = events.map((event, i): LoggedEvent => {
      const position = next;
      next += recordSize(streamName, event);
      return { ...event, streamName, revision: BigInt(stream.length + i), position, createdTicks };
    });
    this.options.journal?.write(logged, next); // durable before it is visible or acknowledged
    this.commit(logged, next);
    const last = logged[logged.length - 1];
    return { ok: true, revision: last.revision, position: last.position };
  }

  /** Puts back writes read from the journal, in their order, without journaling them again. */
  restore(events: readonly LoggedEvent[], nextPosition: bigint): void {
    for (const event of events) {
      const stream = this.streams.get(event.streamName) ?? [];
      if (event.revision !== BigInt(stream.length) || event.position < this.nextPosition) {
        throw new Error(
          `journal: ${event.streamName}@${event.revision} at ${event.position} is out of order`,
        );
      }
      this.commit([event], event.position + 1n);
    }
    if (nextPosition > this.nextPosition) this.nextPosition = nextPosition;
  }

  private commit(logged: readonly LoggedEvent[], nextPosition: bigint): void {
    for (const event of logged) {
      const stream = this.streams.get(event.streamName) ?? [];
      stream.push(event);
      this.streams.set(event.streamName, stream);
      this.all.push(event);
      this.recent.add(event);
    }
    this.nextPosition = nextPosition;
    for (const listener of [...this.listeners]) listener();
  }
}
