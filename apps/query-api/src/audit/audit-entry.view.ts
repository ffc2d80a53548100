import type { AuditEntryRow } from '@lic/read-models';

/**
 * One event of the audit trail as the API answers it (positions as decimal strings). `data` is
 * the event's payload exactly as it was recorded, with the event's own field names.
 */
export const auditEntryView = (a: AuditEntryRow) => ({
  position: a.position.toString(10),
  event_id: a.eventId,
  stream: a.stream,
  revision: a.revision.toString(10),
  type: a.type,
  license_id: a.licenseId,
  product_id: a.productId,
  occurred_at: a.occurredAt,
  recorded_at: a.recordedAt,
  actor: a.actor,
  correlation_id: a.correlationId,
  causation_id: a.causationId,
  data: JSON.parse(a.payload) as unknown,
});

export type AuditEntryView = ReturnType<typeof auditEntryView>;
