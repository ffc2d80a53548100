/**
 * The one small port every event store adapter implements (EventStoreDB / KurrentDB over gRPC,
 * and the embedded SQLite file). Positions and revisions are bigint in code; they cross JSON
 * boundaries as decimal strings (see positionToString / positionFromString).
 */

/** Who asked, and which request the event belongs to. Stored beside every event. */
export interface EventMetadata {
  readonly correlationId: string;
  /** The id of the event or request that caused this one; null for an external request. */
  readonly causationId: string | null;
  /** "admin:<sub>", "license:<id>", "system:sweeper", ... */
  readonly actor: string;
  /**
   * The hash chain (libs/audit-chain): the decision instant (ISO-8601), the hash of the
   * previous event of the stream (null for the first) and this event's own hash. Absent on
   * events recorded before the chain existed.
   */
  readonly at?: string;
  readonly prev?: string | null;
  readonly hash?: string;
}

export interface NewEvent {
  /** A UUID. Deterministic ids let EventStoreDB recognise a retried append. */
  readonly id: string;
  /** Versioned type name, e.g. "LeaseCheckedOut.v2". */
  readonly type: string;
  /** A JSON object (no bigint, no Date: already encoded). */
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent {
  readonly id: string;
  readonly streamName: string;
  /** 0-based revision of the event in its stream. */
  readonly revision: bigint;
  /** Global position in the store ($all); strictly increasing in commit order. */
  readonly position: bigint;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
  /** When the store recorded the event (ISO-8601), as the store tells it. */
  readonly recordedAt: string;
  /**
   * `data` as the store keeps it, JSON text, where the store reads it as text (SQLite): what
   * the audit log records as the payload without writing the parsed data out again.
   */
  readonly dataJson?: string;
}

/**
 * - 'no_stream': the stream must not exist yet
 * - 'stream_exists': the stream must exist (any revision)
 * - 'any': no check
 * - bigint: the revision of the last event the writer saw
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface AppendResult {
  /** Revision of the last event written. */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event written. */
  readonly position: bigint;
}

export interface ReadStreamOptions {
  /** Inclusive. Default: 0n forwards, the end backwards. */
  readonly fromRevision?: bigint;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Default: from the start. */
  readonly after?: bigint;
  readonly maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint: deliver events strictly after it. Default: from the start. */
  readonly after?: bigint;
  /** Only events whose stream name starts with one of these prefixes. */
  readonly streamPrefixes?: readonly string[];
  /**
   * A subscriber that can wait: once something new was written, a polling store (SQLite) waits
   * this long before reading, and hands over what was written meanwhile in one read instead of
   * one read per commit. A push store (EventStoreDB) hands events over as they come and ignores
   * it. Default 0: read at once. Order, gaps and duplicates are as without it.
   */
  readonly gatherMs?: number;
}

/**
 * Catch-up, then live, with no gap and no duplicate at the seam. Iterate it; each event is
 * handed over once, in position order. A transport failure does not end the iteration: the
 * adapter resubscribes after the last event it handed over. close() ends it.
 */
export interface Subscription<T = RecordedEvent> extends AsyncIterable<T> {
  close(): Promise<void>;
}

/** Where an event was written, without its content. */
export interface EventPlace {
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: bigint;
}

export interface EventStore {
  /** Atomic: all events or none. Throws WrongExpectedRevisionError on a revision mismatch. */
  appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;
  /** A stream that does not exist reads as empty. */
  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * Optional: the events readAll gives, in the same order, a page at a time — one await per
   * page instead of per event, for a reader of the whole store (a rebuild). An event that does
   * not read ends it as it ends readAll: after every event before it, with the same error.
   */
  readAllInPages?(options?: ReadAllOptions): AsyncIterable<readonly RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;
  /**
   * subscribeToAll handing over only where each event was written: for a subscriber that
   * needs to know which streams moved, not what was written (the store may then read less).
   */
  subscribeToPlaces(options?: SubscribeToAllOptions): Subscription<EventPlace>;
  /** Resolves when the store answers; rejects otherwise (readiness probe). */
  ping(): Promise<void>;
  /**
   * Waits for the calls in flight (snapshot saves included) to finish, ends the subscriptions
   * and releases the connection. Every call made after it fails with EventStoreClosedError.
   */
  close(): Promise<void>;
}

/** Latest snapshot of an aggregate's state, kept beside (not inside) its stream. */
export interface Snapshot {
  /** Revision of the last event folded into the state. */
  readonly revision: bigint;
  /** Identifies the state's shape; a snapshot of another version is ignored. */
  readonly schemaVersion: string;
  readonly state: unknown;
}

export interface SnapshotStore {
  load(streamName: string): Promise<Snapshot | null>;
  /** Keeps only the latest snapshot per stream; an older revision never replaces a newer one. */
  save(streamName: string, snapshot: Snapshot): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual revision, or 'no_stream'. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${streamName}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/**
 * The store did not answer in time, or the connection to it failed and retrying did not help.
 * The outcome of an append that failed this way is unknown: it may have been written. Retrying
 * the same command is safe where it is idempotent (the command API's Idempotency-Key).
 */
export class EventStoreUnavailableError extends Error {
  override readonly name: string = 'EventStoreUnavailableError';
  constructor(
    message: string,
    /** How long the caller should wait before trying again, in seconds. */
    readonly retryAfterSeconds = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A call made after close(): the store refuses it (nothing is opened again). */
export class EventStoreClosedError extends EventStoreUnavailableError {
  override readonly name: string = 'EventStoreClosedError';
  constructor(what: string) {
    super(`${what}: the event store is closed`);
  }
}

export const EVENT_STORE = Symbol('EventStore');
export const SNAPSHOT_STORE = Symbol('SnapshotStore');

export const positionToString = (p: bigint): string => p.toString(10);
export const positionFromString = (s: string): bigint | null =>
  /^(0|[1-9][0-9]{0,19})$/.test(s) ? BigInt(s) : null;
