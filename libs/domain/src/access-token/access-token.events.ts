import * as t from 'io-ts';
import { Actor } from '../shared/actor';
import { Id, Instant, RecordedText, nullable } from '../shared/codecs';
import { AccessRole } from './access-token.commands';

/*
 * The admin-tokens stream. An issued token is recorded by id (`jti`) with its roles, subject,
 * label and lifetime — never the token, its signature or anything it could be recomputed from
 * (the signing key is not in the store).
 */
export const AdminTokenIssued = t.type(
  {
    type: t.literal('AdminTokenIssued.v1'),
    data: t.type({
      tokenId: Id,
      roles: t.array(AccessRole),
      subject: Id,
      label: nullable(RecordedText),
      issuedAt: Instant,
      expiresAt: Instant,
      at: Instant,
      actor: Actor,
    }),
  },
  'AdminTokenIssued.v1',
);
export const AdminTokenRevoked = t.type(
  {
    type: t.literal('AdminTokenRevoked.v1'),
    data: t.type({ tokenId: Id, at: Instant, actor: Actor }),
  },
  'AdminTokenRevoked.v1',
);

export const AccessTokenEvent = t.union([AdminTokenIssued, AdminTokenRevoked]);
export type AccessTokenEvent = t.TypeOf<typeof AccessTokenEvent>;
