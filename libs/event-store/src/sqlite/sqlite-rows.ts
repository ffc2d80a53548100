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

export function toRecordedEvent(row: EventRow): RecordedEvent {
  const where = `event ${row.id} (${row.stream}@${row.revision})`;
  return {
    id: row.id,
    streamName: row.stream,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: decodeEventData(parseJson(row.data, where), where),
    metadata: decodeEventMetadata(parseJson(row.metadata, where), where),
    recordedAt: row.recorded_at,
  };
}
