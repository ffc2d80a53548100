import {
  AccessTokenEvent,
  accessTokenStream,
  accessTokensDecider,
  foldableOf,
  type AccessTokenCommand,
  type AccessTokensState,
} from '@lic/domain';
import * as t from 'io-ts';
import type { AggregateDefinition } from './aggregate-definition';

/** Access tokens are few and rarely written: the stream is read whole, never snapshotted. */
const noSnapshot = new t.Type<AccessTokensState, unknown, unknown>(
  'AccessTokensSnapshot',
  (_u): _u is AccessTokensState => false,
  (u, c) => t.failure(u, c, 'access-token snapshots are not used'),
  t.identity,
);

export const accessTokenAggregate: AggregateDefinition<
  AccessTokenCommand,
  AccessTokenEvent,
  AccessTokensState
> = {
  name: 'admin-tokens',
  decider: accessTokensDecider,
  streamName: accessTokenStream,
  readStored: foldableOf(AccessTokenEvent),
  stateCodec: noSnapshot,
  stateSchemaVersion: 'admin-tokens-state.none',
};
