import {
  ANY,
  CancelledError,
  DeadlineExceededError,
  NO_STREAM,
  NotLeaderError,
  STREAM_EXISTS,
  TimeoutError,
  UnavailableError,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import {
  MalformedEventError,
  decodeEventData,
  decodeEventMetadata,
  stringifyJson,
} from '../event-json';
import type { ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port';
import { isDomainEvent } from '../stream-names';

/** Our expected revision in the client's terms. Never a negative number (the client chokes). */
export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (expected < 0n) throw new RangeError(`expected revision ${expected} is negative`);
      return expected;
  }
}

/**
 * The event as the client sends it: our id (so a retried append is recognised), JSON data,
 * and our metadata plus EventStoreDB's own `$correlationId` / `$causationId` keys, which its
 * projections ($by_correlation_id) and UI understand.
 */
export function toEventData(event: NewEvent): EventData {
  // The client serialises inside a promise executor, after an await: a payload JSON.stringify
  // rejects (a bigint) would escape as an unhandled rejection and leave the append hanging.
  stringifyJson(event.data, `data of event ${event.id} (${event.type})`);
  const { correlationId, causationId } = event.metadata;
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: {
      ...event.metadata,
      $correlationId: correlationId,
      ...(causationId === null ? {} : { $causationId: causationId }),
    },
  });
}

/** The commit position of a recorded event; EventStoreDB fills it for reads of $all. */
export function positionOf(event: EsdbRecordedEvent): bigint {
  const position = event.position?.commit;
  if (position === undefined) {
    throw new MalformedEventError(
      `event ${event.id} (${event.streamId}@${event.revision})`,
      'the server sent no position',
    );
  }
  return position;
}

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  const where = `event ${event.id} (${event.streamId}@${event.revision})`;
  if (!event.isJson) throw new MalformedEventError(where, 'data is not JSON');
  return {
    id: event.id,
    streamName: event.streamId,
    revision: event.revision,
    position: positionOf(event),
    type: event.type,
    data: decodeEventData(event.data, where),
    metadata: decodeEventMetadata(event.metadata, where),
    recordedAt: event.created.toISOString(),
  };
}

/**
 * The event as this project wrote it, or null for an event it did not write: a system event, a
 * snapshot, or another application's event in a shared KurrentDB (data or metadata that is not
 * JSON, metadata without our correlation id and actor). Readers of $all skip those.
 */
export function toOwnEvent(
  event: EsdbRecordedEvent,
  onForeign?: (description: string) => void,
): RecordedEvent | null {
  if (!isDomainEvent(event.streamId, event.type)) return null;
  try {
    return toRecordedEvent(event);
  } catch (error) {
    if (!(error instanceof MalformedEventError)) throw error;
    onForeign?.(error.message);
    return null;
  }
}

/** gRPC status codes of a call that failed on the way, not in the server's decision. */
const TRANSPORT_STATUS = new Set([
  1 /* CANCELLED */, 4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */,
]);

/**
 * Failures of the connection rather than of the request: the client has already dropped the
 * channel, and the next call reconnects. Worth another try; anything else is not. Some client
 * calls (the server-features query made before the first append) reject with the raw gRPC
 * error rather than the client's error classes, so its status code counts too.
 */
export const isTransportFailure = (error: unknown): boolean =>
  error instanceof UnavailableError ||
  error instanceof CancelledError ||
  error instanceof DeadlineExceededError ||
  error instanceof TimeoutError ||
  error instanceof NotLeaderError ||
  (error instanceof Error &&
    'code' in error &&
    (error.code === 'ERR_STREAM_PREMATURE_CLOSE' ||
      error.code === 'ECONNRESET' ||
      ('metadata' in error && TRANSPORT_STATUS.has(error.code as number))));

/** 50 ms, 100 ms, ... up to 2 s, with jitter. */
export const backoffMs = (attempt: number): number => {
  const base = Math.min(2_000, 50 * 2 ** Math.max(0, attempt - 1));
  return base / 2 + Math.random() * (base / 2);
};
