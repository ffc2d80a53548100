import * as t from 'io-ts';
import { Id } from '@lic/domain';
import { InstantParam, PositionParam, limitParam } from '../http/query-codecs';

const TypeList = new t.Type<string[], string, unknown>(
  'event types, comma-separated (e.g. LeaseCheckedOut.v1,CheckoutRefused.v1)',
  (u): u is string[] => Array.isArray(u),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c);
    const types = u.split(',').map((s) => s.trim());
    return types.length <= 50 && types.every((s) => /^[A-Za-z0-9_.-]{1,128}$/.test(s))
      ? t.success(types)
      : t.failure(u, c);
  },
  (types) => types.join(','),
);

const Actor = t.refinement(
  t.string,
  (s) => s.length >= 1 && s.length <= 200,
  'an actor as recorded, e.g. admin:alice, license:lic-1, system:expiry',
);

const filters = {
  license_id: Id,
  product_id: Id,
  type: TypeList,
  actor: Actor,
  /** Inclusive: events decided at or after this instant. */
  from: InstantParam,
  /** Exclusive. */
  to: InstantParam,
  /** Exclusive: events after this position. */
  cursor: PositionParam,
};

export const AuditParams = t.partial({ ...filters, limit: limitParam(1000) });
export const auditParamNames = [...Object.keys(filters), 'limit'];
export type AuditParams = t.TypeOf<typeof AuditParams>;
export type AuditFilter = Omit<t.TypeOf<typeof AuditParams>, 'limit'>;

export const AuditExportParams = t.partial({
  ...filters,
  format: t.keyof({ ndjson: null, csv: null }, 'ndjson or csv'),
});
export const auditExportParamNames = [...Object.keys(filters), 'format'];

export const SealsParams = t.partial({ cursor: PositionParam, limit: limitParam(1000) });
export const sealsParamNames = ['cursor', 'limit'];
export type SealsParams = t.TypeOf<typeof SealsParams>;

export const ChainExportParams = t.partial({
  license_id: Id,
  from: InstantParam,
  to: InstantParam,
});
export const chainExportParamNames = ['license_id', 'from', 'to'];
