import * as t from 'io-ts';
import { LicenseEvent, ProductEvent } from '@lic/domain';
import type { AuditEntryRow } from '@lic/read-models';
import { csvRow, type CsvValue } from '../csv/csv';

/** camelCase → snake_case, for column names. */
const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The columns every row has, whatever its event. */
const FIXED = [
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
] as const;
/** Payload fields the fixed columns already show. */
const COMMON = new Set(['licenseId', 'productId', 'at', 'actor']);
/** Kept whole as JSON in one cell: a policy is a document of its own. */
const WHOLE = new Set(['policy']);

const objectProps = (codec: t.Mixed): t.Props | null => {
  if (codec instanceof t.InterfaceType) return codec.props as t.Props;
  if (codec instanceof t.UnionType) {
    for (const member of codec.types as t.Mixed[]) {
      const props = objectProps(member);
      if (props !== null) return props;
    }
  }
  return null;
};

/** Dotted paths of a payload's leaves: one level of nested objects is opened (seats.inUse). */
const leafPaths = (props: t.Props, prefix = ''): string[] =>
  Object.entries(props).flatMap(([name, codec]) => {
    const path = `${prefix}${name}`;
    const nested = WHOLE.has(name) || prefix !== '' ? null : objectProps(codec as t.Mixed);
    return nested === null ? [path] : leafPaths(nested, `${path}.`);
  });

/** Every payload field of every event type the domain knows, each once, in first-seen order. */
export const PAYLOAD_PATHS: readonly string[] = [
  ...new Set(
    [...LicenseEvent.types, ...ProductEvent.types].flatMap((c) =>
      leafPaths(c.props.data.props as t.Props).filter((p) => !COMMON.has(p.split('.')[0] ?? p)),
    ),
  ),
];

/**
 * The audit CSV's columns: the fixed ones, then one per payload field (`seats.inUse` becomes
 * `seats_in_use`), then the whole payload as JSON (so an event of a type this version does not
 * know loses nothing).
 */
export const AUDIT_CSV_COLUMNS: readonly string[] = [
  ...FIXED,
  ...PAYLOAD_PATHS.map((p) => snake(p.replace(/\./g, '_'))),
  'payload',
];

const at = (data: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (v, key) =>
        typeof v === 'object' && v !== null && !Array.isArray(v)
          ? (v as Record<string, unknown>)[key]
          : undefined,
      data,
    );

const cell = (value: unknown): CsvValue =>
  value === null || value === undefined
    ? null
    : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? value
      : JSON.stringify(value);

/** One audit row as a CSV line, its payload spread over the payload columns. */
export const auditCsvLine = (a: AuditEntryRow): string => {
  const data: unknown = JSON.parse(a.payload);
  return csvRow([
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
    ...PAYLOAD_PATHS.map((p) => cell(at(data, p))),
    a.payload,
  ]);
};
