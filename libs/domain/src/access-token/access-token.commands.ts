import * as t from 'io-ts';
import { Actor } from '../shared/actor';
import { arrayOf, text } from '../shared/bounded';
import { Id } from '../shared/codecs';

export const AccessRole = t.keyof({ admin: null, auditor: null }, 'AccessRole');
export type AccessRole = t.TypeOf<typeof AccessRole>;

/** Longest label an operator gives a token ("CI pipeline", "compliance team 2026"). */
export const TOKEN_LABEL_MAX = 100;
export const TokenLabel = text(TOKEN_LABEL_MAX);

/**
 * Record that a token with this id was minted. The token itself never enters a command or an
 * event: only its id (`jti`), what it may do and when it lapses.
 */
export const IssueAccessToken = t.type(
  {
    type: t.literal('IssueAccessToken'),
    tokenId: Id,
    roles: arrayOf(AccessRole, 2),
    subject: Id,
    label: t.union([TokenLabel, t.null]),
    /** Epoch ms; after the decision's instant. */
    expiresAt: t.number,
    actor: Actor,
  },
  'IssueAccessToken',
);
export const RevokeAccessToken = t.type(
  { type: t.literal('RevokeAccessToken'), tokenId: Id, actor: Actor },
  'RevokeAccessToken',
);

export const AccessTokenCommand = t.union([IssueAccessToken, RevokeAccessToken]);
export type AccessTokenCommand = t.TypeOf<typeof AccessTokenCommand>;
