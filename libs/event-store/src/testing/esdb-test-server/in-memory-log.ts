import type { Clock } from '@lic/clock';

/** An event as the client proposes it (Streams.Append ProposedMessage). */
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

/** Where the first record lands: a real log starts with its epoch records. */
const FIRST_POSITION = 1024n;
/** Fixed part of a record's size; positions are byte offsets, so they grow by record size. */
const RECORD_OVERHEAD = 96;
const TICKS_PER_MS = 10_000n;

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * The transaction log of the test server: `$all` is the array, each stream an index into it.
 * Positions are strictly increasing and sparse (like byte offsets of a real log), so a client
 * that assumes `position + 1` is the next event fails here as it would against a real server.
 */
export class InMemoryLog {
  private readonly all: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  /** Event id → event, so a retried append is recognised without scanning its stream. */
  private readonly byId = new Map<string, LoggedEvent>();
  private readonly listeners = new Set<() => void>();
  private nextPosition = FIRST_POSITION;

  constructor(private readonly clock: Clock) {}

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
    const retried = this.findRetry(stream, events, expectation);
    if (retried !== undefined) return retried;
    if (!satisfies(expectation, current)) return { ok: false, current };
    if (events.length === 0) return { ok: true, revision: current ?? -1n, position: -1n };

    const createdTicks = BigInt(this.clock.now()) * TICKS_PER_MS;
    for (const event of events) {
      const logged: LoggedEvent = {
        ...event,
        streamName,
        revision: BigInt(stream.length),
        position: this.nextPosition,
        createdTicks,
      };
      this.nextPosition += BigInt(
        RECORD_OVERHEAD +
          byteLength(streamName) +
          byteLength(event.type) +
          event.data.length +
          event.customMetadata.length,
      );
      stream.push(logged);
      this.all.push(logged);
      this.byId.set(logged.id, logged);
    }
    this.streams.set(streamName, stream);
    for (const listener of [...this.listeners]) listener();
    const last = stream[stream.length - 1];
    return { ok: true, revision: last.revision, position: last.position };
  }

  /**
   * Idempotent writes: when the proposed events (same ids, same order) are already in the
   * stream where the expectation says they go, the append is a retry and succeeds again
   * without writing anything.
   */
  private findRetry(
    stream: readonly LoggedEvent[],
    events: readonly ProposedEvent[],
    expectation: Expectation,
  ): AppendOutcome | undefined {
    if (events.length === 0) return undefined;
    const first = this.byId.get(events[0].id);
    if (first === undefined || stream[Number(first.revision)] !== first) return undefined;
    const start = Number(first.revision);
    if (expectation.kind === 'no_stream' && start !== 0) return undefined;
    if (expectation.kind === 'revision' && BigInt(start) !== expectation.revision + 1n) {
      return undefined;
    }
    const slice = stream.slice(start, start + events.length);
    if (slice.length !== events.length || slice.some((e, i) => e.id !== events[i].id)) {
      return undefined;
    }
    const last = slice[slice.length - 1];
    return { ok: true, revision: last.revision, position: last.position };
  }
}

function satisfies(expectation: Expectation, current: bigint | undefined): boolean {
  switch (expectation.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    case 'revision':
      return current === expectation.revision;
  }
}
