import * as t from 'io-ts';
import { PositionParam, limitParam } from '../http/query-codecs';

export const HoldersParams = t.partial({
  /** active: holding a seat now; ended: freed (recorded, or past its deadline); all. */
  state: t.keyof({ active: null, ended: null, all: null }, 'active, ended or all'),
  /** Exclusive: holders older than this id (ids are positions; newest first). */
  cursor: PositionParam,
  limit: limitParam(500),
});
export const holdersParamNames = ['state', 'cursor', 'limit'];
export type HoldersParams = t.TypeOf<typeof HoldersParams>;
