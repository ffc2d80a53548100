import { stringifyJson } from '../event-json';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
} from '../event-store.port';
import { satisfiesExpectedRevision } from '../expected-revision';
import type { SqliteEventsTable } from './sqlite-events-table';

/** An event id is unique in the whole store; reusing one outside a retried append is a bug. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly streamName: string,
    cause: unknown,
  ) {
    super(`append to ${streamName}: an event id is already recorded in the store`, { cause });
  }
}

/** An event as the `events` table keeps it: data and metadata already JSON text. */
export interface EncodedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

export interface AppendRequest {
  readonly streamName: string;
  readonly events: readonly EncodedEvent[];
  readonly expected: ExpectedRevision;
}

/** Serialises the events before they are queued: one that JSON cannot carry fails its append alone. */
export const encodeEvents = (events: readonly NewEvent[]): EncodedEvent[] =>
  events.map((event) => ({
    id: event.id,
    type: event.type,
    data: stringifyJson(event.data, `data of event ${event.id} (${event.type})`),
    metadata: stringifyJson(event.metadata, `metadata of event ${event.id} (${event.type})`),
  }));

/**
 * The body of the append transaction (run under BEGIN IMMEDIATE, so no other writer can move
 * the stream between the revision check and the inserts).
 */
export function appendInTransaction(
  table: SqliteEventsTable,
  recordedAt: string,
  { streamName, events, expected }: AppendRequest,
): AppendResult {
  const current = table.lastRevision(streamName);
  // A retry finds its events where `expected` points, so the stream has moved past it. When
  // the stream stands exactly at `expected`, nothing can be there yet: no lookup by id.
  if (!standsAt(expected, current)) {
    const replay = findRetriedAppend(table, streamName, events, expected);
    if (replay !== undefined) return replay;
    if (!satisfiesExpectedRevision(expected, current)) {
      throw new WrongExpectedRevisionError(streamName, expected, current ?? 'no_stream');
    }
  }
  let revision = current ?? -1n;
  let position = 0n;
  for (const event of events) {
    revision += 1n;
    position = table.insert({
      stream: streamName,
      revision,
      id: event.id,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      recordedAt,
    });
  }
  return { nextExpectedRevision: revision, position };
}

/** `expected` names one exact place (no stream, or a revision) and the stream is there. */
const standsAt = (expected: ExpectedRevision, current: bigint | undefined): boolean =>
  expected === 'no_stream' ? current === undefined : current !== undefined && expected === current;

/**
 * Like EventStoreDB's idempotent writes: the same events (same ids, same order) already
 * written at the place `expected` points to mean this is a retry; answer with the original
 * result instead of a conflict or a duplicate.
 */
function findRetriedAppend(
  table: SqliteEventsTable,
  streamName: string,
  events: readonly EncodedEvent[],
  expected: ExpectedRevision,
): AppendResult | undefined {
  const first = table.byId(events[0].id);
  if (first === undefined || first.stream !== streamName) return undefined;
  if (expected === 'no_stream' && first.revision !== 0n) return undefined;
  if (typeof expected === 'bigint' && first.revision !== expected + 1n) return undefined;
  const rows = table.streamForwards(streamName, first.revision, events.length);
  if (rows.length !== events.length || rows.some((row, i) => row.id !== events[i].id)) {
    return undefined;
  }
  const last = rows[rows.length - 1];
  return { nextExpectedRevision: last.revision, position: last.position };
}
