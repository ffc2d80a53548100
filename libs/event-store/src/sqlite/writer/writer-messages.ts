import { WrongExpectedRevisionError, type ExpectedRevision } from '../../event-store.port';
import type { Outcome } from '../append-batch';
import type { AppendRequest, EncodedEvent } from '../sqlite-append';
import type { SnapshotWrite } from '../sqlite-snapshot-store';

/** What the writer thread is started with. */
export interface WriterOptions {
  readonly file: string;
  readonly busyTimeoutMs: number;
  readonly synchronous: 'FULL' | 'NORMAL';
}

export type ToWriter =
  | { readonly kind: 'append'; readonly id: number; readonly group: PackedGroup }
  | { readonly kind: 'snapshot'; readonly id: number; readonly snapshot: SnapshotWrite }
  | { readonly kind: 'close' };

/**
 * An error as it crosses the thread boundary: structured cloning keeps an Error's message but
 * drops its class and fields (a SQLite error's `code`, a conflict's revisions), which the
 * store's callers match on.
 */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly conflict?: {
    readonly streamName: string;
    readonly expected: ExpectedRevision;
    readonly actual: bigint | 'no_stream';
  };
}

export type FromWriter =
  | { readonly kind: 'committed'; readonly id: number; readonly outcomes: PackedOutcomes }
  | { readonly kind: 'saved'; readonly id: number }
  | { readonly kind: 'failed'; readonly id: number; readonly error: WireError };

export const toWire = (error: unknown): WireError => {
  if (error instanceof WrongExpectedRevisionError) {
    const { streamName, expected, actual } = error;
    return { name: error.name, message: error.message, conflict: { streamName, expected, actual } };
  }
  const { name, message, code } = (
    typeof error === 'object' && error !== null ? error : { message: String(error) }
  ) as { name?: unknown; message?: unknown; code?: unknown };
  return {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
  };
};

export const fromWire = (wire: WireError): Error => {
  if (wire.conflict !== undefined) {
    const { streamName, expected, actual } = wire.conflict;
    return new WrongExpectedRevisionError(streamName, expected, actual);
  }
  const error = new Error(wire.message);
  error.name = wire.name;
  return wire.code === undefined ? error : Object.assign(error, { code: wire.code });
};

/**
 * A group of appends as it crosses to the writer thread: one flat array of strings, bigints
 * and counts. Structured cloning pays per object and per property, so a group of 64 appends
 * costs the event loop about half as much as the same group as nested objects: recordedAt,
 * then per request its stream, expected revision and event count, then each event's id, type,
 * data and metadata (the last two already JSON text).
 */
export type PackedGroup = readonly (string | bigint | number)[];

export const packGroup = (recordedAt: string, requests: readonly AppendRequest[]): PackedGroup => {
  const packed: (string | bigint | number)[] = [recordedAt];
  for (const { streamName, expected, events } of requests) {
    packed.push(streamName, expected, events.length);
    for (const e of events) packed.push(e.id, e.type, e.data, e.metadata);
  }
  return packed;
};

const EXPECTED_NAMES: ReadonlySet<string> = new Set(['any', 'no_stream', 'stream_exists']);

export const unpackGroup = (
  packed: PackedGroup,
): { recordedAt: string; requests: AppendRequest[] } => {
  let at = 0;
  const malformed = () => new TypeError('a packed group of appends is malformed');
  const next = () => packed[at++];
  const text = (): string => {
    const value = next();
    if (typeof value !== 'string') throw malformed();
    return value;
  };
  const revision = (): ExpectedRevision => {
    const value = next();
    if (typeof value === 'bigint' || EXPECTED_NAMES.has(value as string)) {
      return value as ExpectedRevision;
    }
    throw malformed();
  };
  const recordedAt = text();
  const requests: AppendRequest[] = [];
  while (at < packed.length) {
    const streamName = text();
    const expected = revision();
    const count = next();
    if (typeof count !== 'number') throw malformed();
    const events: EncodedEvent[] = [];
    for (let i = 0; i < count; i++) {
      events.push({ id: text(), type: text(), data: text(), metadata: text() });
    }
    requests.push({ streamName, expected, events });
  }
  return { recordedAt, requests };
};

/**
 * The outcomes of a group, in its order: an appended request as its next expected revision
 * and position (two bigints), a failed one as its WireError (an object: failures are rare).
 */
export type PackedOutcomes = readonly (bigint | WireError)[];

export const packOutcomes = (outcomes: readonly Outcome[]): PackedOutcomes => {
  const packed: (bigint | WireError)[] = [];
  for (const outcome of outcomes) {
    if (outcome.ok) packed.push(outcome.result.nextExpectedRevision, outcome.result.position);
    else packed.push(toWire(outcome.error));
  }
  return packed;
};

export const unpackOutcomes = (packed: PackedOutcomes): Outcome[] => {
  const outcomes: Outcome[] = [];
  for (let at = 0; at < packed.length;) {
    const first = packed[at++] as bigint | WireError;
    if (typeof first !== 'bigint') {
      outcomes.push({ ok: false, error: fromWire(first) });
      continue;
    }
    const position = packed[at++];
    if (typeof position !== 'bigint') throw new TypeError('packed outcomes are malformed');
    outcomes.push({ ok: true, result: { nextExpectedRevision: first, position } });
  }
  return outcomes;
};
