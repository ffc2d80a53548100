import type { AuditEntryRow } from '@lic/read-models';

/** One event of the audit trail as the API answers it (positions as decimal strings). */
export const auditEntryView = (a: AuditEntryRow) => ({
  position: a.position.toString(10),
  eventId: a.eventId,
  stream: a.stream,
  revision: a.revision.toString(10),
  type: a.type,
  licenseId: a.licenseId,
  productId: a.productId,
  occurredAt: a.occurredAt,
  recordedAt: a.recordedAt,
  actor: a.actor,
  correlationId: a.correlationId,
  causationId: a.causationId,
  data: JSON.parse(a.payload) as unknown,
});

export const CSV_COLUMNS = [
  'position',
  'event_id',
  'stream',
  'revision',
  'type',
  'license_id',
  'product_id',
  'occurred_at',
  'recorded_at',
  'actor',
  'correlation_id',
  'causation_id',
  'payload',
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export const csvField = (value: string | null): string =>
  value === null ? '' : /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

export const csvLine = (a: AuditEntryRow): string =>
  [
    a.position.toString(10),
    a.eventId,
    a.stream,
    a.revision.toString(10),
    a.type,
    a.licenseId,
    a.productId,
    a.occurredAt,
    a.recordedAt,
    a.actor,
    a.correlationId,
    a.causationId,
    a.payload,
  ]
    .map(csvField)
    .join(',');
