import * as t from 'io-ts';
import { Id, LicenseStatusName } from '@lic/domain';
import { limitParam } from '../http/query-codecs';

export const LicensesQuery = t.partial({
  status: LicenseStatusName,
  productId: Id,
  cursor: Id,
  limit: limitParam(200),
});
export const licensesQueryNames = ['status', 'productId', 'cursor', 'limit'];
