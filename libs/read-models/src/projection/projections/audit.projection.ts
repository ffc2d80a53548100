import { Instant, toIso } from '@lic/domain';
import type { AuditEntryRow } from '../../schema/entities';
import type { ProjectedEvent } from '../projected-event';
import type { Projection, ReadView, RowChange } from '../row-change';

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : null;

const idFromStream = (stream: string, prefix: string): string | null =>
  stream.startsWith(prefix) ? text(stream.slice(prefix.length)) : null;

/** The store's timestamp in the column's form, if it is a date at all. */
const normalized = (recordedAt: string): string => {
  const ms = Date.parse(recordedAt);
  return Number.isNaN(ms) ? '1970-01-01T00:00:00.000Z' : toIso(ms);
};

/** A1: every event, whatever its type, with who asked, when, and its correlation. */
export const auditEntry = (p: ProjectedEvent, view?: ReadView): AuditEntryRow => {
  const r = p.recorded;
  const at = r.data['at'];
  const licenseId = text(r.data['licenseId']) ?? idFromStream(r.streamName, 'license-');
  return {
    position: r.position,
    eventId: r.id,
    stream: r.streamName,
    revision: r.revision,
    type: r.type,
    licenseId,
    productId:
      text(r.data['productId']) ??
      idFromStream(r.streamName, 'product-') ??
      (licenseId === null ? null : (view?.license(licenseId)?.productId ?? null)),
    occurredAt: Instant.is(at) ? at : normalized(r.recordedAt),
    recordedAt: r.recordedAt,
    actor: r.metadata.actor,
    correlationId: r.metadata.correlationId,
    causationId: r.metadata.causationId,
    payload: r.dataJson ?? JSON.stringify(r.data),
  };
};

/** Every row names its product: a license's events take it from the license. */
export const auditProjection: Projection<ProjectedEvent> = (p, view): RowChange[] => [
  { table: 'audit_log', row: auditEntry(p, view) },
];
