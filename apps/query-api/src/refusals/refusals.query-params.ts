import * as t from 'io-ts';
import { PositionParam, limitParam } from '../http/query-codecs';

export const RefusalsParams = t.partial({
  /** Exclusive: refusals older than this position (newest first). */
  cursor: PositionParam,
  limit: limitParam(500),
});
export const refusalsParamNames = ['cursor', 'limit'];
export type RefusalsParams = t.TypeOf<typeof RefusalsParams>;
