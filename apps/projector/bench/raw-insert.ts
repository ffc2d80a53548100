import type { DataSource } from 'typeorm';
import type { EventStore, RecordedEvent } from '@lic/event-store';
import { AuditEntryRow, PROJECTED_STREAM_PREFIXES, recreateReadModels } from '@lic/read-models';
import { auditEntry } from '../../../libs/read-models/src/projection/projections/audit.projection';
import { TableWriter } from '../../../libs/read-models/src/projection/sql/table-writer';

/**
 * The baseline: the same pipeline without projection logic. Events are read from the same
 * store, each becomes (undecoded) the very row the projection writes to audit_log,
 * and the rows are inserted with the same multi-row statements, `batchSize` rows per
 * transaction, into empty tables. No reads, no state, no other table.
 */
export const rawInsert = async (
  eventStore: EventStore,
  db: DataSource,
  batchSize: number,
  onBatch: (events: number) => void,
): Promise<number> => {
  await recreateReadModels(db);
  let batch: RecordedEvent[] = [];
  let events = 0;
  const flush = async () => {
    const rows: AuditEntryRow[] = batch.map((recorded) =>
      auditEntry({ kind: 'other', recorded, why: 'raw insert', known: false }),
    );
    await db.transaction((manager) => new TableWriter(manager, AuditEntryRow).insert(rows));
    events += batch.length;
    batch = [];
    onBatch(events);
  };
  for await (const event of eventStore.readAll()) {
    if (!PROJECTED_STREAM_PREFIXES.some((p) => event.streamName.startsWith(p))) continue;
    batch.push(event);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return events;
};
