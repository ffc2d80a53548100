import * as t from 'io-ts';
import { Id } from '@lic/domain';
import { HolderKindParam, integerParam } from '../http/query-codecs';
import { TimeRangeProps } from './time-range';

/** Every report answers JSON, or CSV with ?format=csv. */
export const Format = t.keyof({ json: null, csv: null }, 'json or csv');

const Days = integerParam('a number of days from 1 to 366', 1, 366);

export const UtilizationParams = t.intersection([
  t.type({ license_id: Id }),
  t.partial({ ...TimeRangeProps, kind: HolderKindParam, format: Format }),
]);
export const FleetParams = t.partial({
  ...TimeRangeProps,
  product_id: Id,
  kind: HolderKindParam,
  format: Format,
});
export const RefusalReportParams = t.partial({ ...TimeRangeProps, license_id: Id, format: Format });
export const DenialsParams = t.partial({
  ...TimeRangeProps,
  license_id: Id,
  product_id: Id,
  format: Format,
});
export const ExpiringParams = t.partial({ within_days: Days, product_id: Id, format: Format });

/** The parameter names a codec decodes (for decodeQuery's unknown-parameter check). */
export const namesOf = (codec: t.Mixed): string[] =>
  codec instanceof t.IntersectionType
    ? (codec.types as t.Mixed[]).flatMap(namesOf)
    : codec instanceof t.InterfaceType || codec instanceof t.PartialType
      ? Object.keys(codec.props as t.Props)
      : [];
