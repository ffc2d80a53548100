import * as t from 'io-ts';
import { PositionParam, limitParam } from '../http/query-codecs';

export const HoldersQuery = t.partial({
  /** active: holding a seat now; ended: freed (recorded, or past its deadline); all. */
  state: t.keyof({ active: null, ended: null, all: null }, 'active, ended or all'),
  /** Exclusive: holders older than this id (ids are positions; newest first). */
  cursor: PositionParam,
  limit: limitParam(500),
});
export const holdersQueryNames = ['state', 'cursor', 'limit'];
export type HoldersQuery = t.TypeOf<typeof HoldersQuery>;
