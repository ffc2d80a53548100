import * as t from 'io-ts';
import { Id, LicenseStatusName } from '@lic/domain';
import { limitParam } from '../http/query-codecs';

const Search = t.refinement(
  t.string,
  (s) => s.trim().length >= 1 && s.length <= 100,
  'a search text (1 to 100 characters)',
);

export const LicensesParams = t.partial({
  status: LicenseStatusName,
  product_id: Id,
  /** Case-insensitive: part of the license id or the licensee. */
  q: Search,
  cursor: Id,
  limit: limitParam(200),
});
export const licensesParamNames = ['status', 'product_id', 'q', 'cursor', 'limit'];
export type LicensesParams = t.TypeOf<typeof LicensesParams>;
