import { decodeEventData, decodeEventMetadata, parseJson } from '../event-json';
import type { RecordedEvent } from '../event-store.port';

/** A row of the `events` table, integers read as bigint (statements use safeIntegers). */
export interface EventRow {
  readonly position: bigint;
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
}

/** An `events` row as a raw statement returns it: the columns in COLUMNS order. */
export type EventTuple = readonly [
  position: bigint,
  stream: string,
  revision: bigint,
  id: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return recordedEvent(
    row.position,
    row.stream,
    row.revision,
    row.id,
    row.type,
    row.data,
    row.metadata,
    row.recorded_at,
  );
}

/** The same event from a raw row (no column names: cheaper to read in bulk). */
export function tupleToRecordedEvent(row: EventTuple): RecordedEvent {
  return recordedEvent(...row);
}

function recordedEvent(
  ...[position, stream, revision, id, type, data, metadata, recordedAt]: EventTuple
): RecordedEvent {
  const where = () => `event ${id} (${stream}@${revision})`;
  return {
    id,
    streamName: stream,
    revision,
    position,
    type,
    data: decodeEventData(parseJson(data, where), where),
    metadata: decodeEventMetadata(parseJson(metadata, where), where),
    recordedAt,
    dataJson: data,
  };
}
