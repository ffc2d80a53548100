import * as t from 'io-ts';
import { Id } from '@lic/domain';
import { HolderKindParam } from '../http/query-codecs';
import { TimeRangeProps } from './time-range';

/** Every report answers JSON, or CSV with ?format=csv. */
export const Format = t.keyof({ json: null, csv: null }, 'json or csv');

const Days = new t.Type<number, string, unknown>(
  'a number of days from 1 to 366',
  (u): u is number => typeof u === 'number',
  (u, c) => {
    const n = typeof u === 'string' && /^\d{1,3}$/.test(u) ? Number(u) : NaN;
    return n >= 1 && n <= 366 ? t.success(n) : t.failure(u, c);
  },
  String,
);

export const UtilizationQuery = t.intersection([
  t.type({ license_id: Id }),
  t.partial({ ...TimeRangeProps, kind: HolderKindParam, format: Format }),
]);
export const FleetQuery = t.partial({
  ...TimeRangeProps,
  product_id: Id,
  kind: HolderKindParam,
  format: Format,
});
export const RefusalsQuery = t.partial({ ...TimeRangeProps, license_id: Id, format: Format });
export const DenialsQuery = t.partial({
  ...TimeRangeProps,
  license_id: Id,
  product_id: Id,
  format: Format,
});
export const ExpiringQuery = t.partial({ within_days: Days, product_id: Id, format: Format });

/** The parameter names a codec decodes (for decodeQuery's unknown-parameter check). */
export const namesOf = (codec: t.Mixed): string[] =>
  codec instanceof t.IntersectionType
    ? (codec.types as t.Mixed[]).flatMap(namesOf)
    : codec instanceof t.InterfaceType || codec instanceof t.PartialType
      ? Object.keys(codec.props as t.Props)
      : [];
