import * as E from 'fp-ts/Either';
import type { Actor } from '../shared/actor';
import type { Decider } from '../shared/decider';
import { domainError, type DomainError } from '../shared/errors';
import { fromIso, toIso } from '../shared/time';
import type { AccessRole, AccessTokenCommand } from './access-token.commands';
import type { AccessTokenEvent } from './access-token.events';

/** Every access token of the installation lives in this one stream (few, rarely written). */
export const ACCESS_TOKENS_ID = 'all';
export const accessTokenStream = (id: string): string => `admin-tokens-${id}`;

export interface AccessTokenRecord {
  readonly tokenId: string;
  readonly roles: readonly AccessRole[];
  readonly subject: string;
  readonly label: string | null;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly issuedBy: Actor;
  readonly revokedAt: string | null;
  readonly revokedBy: Actor | null;
}

export interface AccessTokensState {
  readonly tokens: Readonly<Record<string, AccessTokenRecord>>;
}

export const initialAccessTokensState: AccessTokensState = { tokens: {} };

export type AccessTokenStatus = 'active' | 'expired' | 'revoked';

/** Revoked wins over expired; a token is active from its issue until its expiry. */
export const accessTokenStatus = (record: AccessTokenRecord, now: number): AccessTokenStatus =>
  record.revokedAt !== null ? 'revoked' : now >= fromIso(record.expiresAt) ? 'expired' : 'active';

export const evolveAccessTokens = (
  state: AccessTokensState,
  event: AccessTokenEvent,
): AccessTokensState => {
  switch (event.type) {
    case 'AdminTokenIssued.v1': {
      const d = event.data;
      const record: AccessTokenRecord = {
        tokenId: d.tokenId,
        roles: d.roles,
        subject: d.subject,
        label: d.label,
        issuedAt: d.issuedAt,
        expiresAt: d.expiresAt,
        issuedBy: d.actor,
        revokedAt: null,
        revokedBy: null,
      };
      return { tokens: { ...state.tokens, [d.tokenId]: record } };
    }
    case 'AdminTokenRevoked.v1': {
      const record = state.tokens[event.data.tokenId];
      if (!record || record.revokedAt !== null) return state;
      const revoked = { ...record, revokedAt: event.data.at, revokedBy: event.data.actor };
      return { tokens: { ...state.tokens, [record.tokenId]: revoked } };
    }
  }
};

type Result = E.Either<DomainError, readonly AccessTokenEvent[]>;

/**
 * A token is recorded once, with at least one role, none twice, and a lifetime after its
 * issue. Revoking an unknown id is refused; revoking a revoked token records nothing.
 */
export const decideAccessTokens = (
  command: AccessTokenCommand,
  state: AccessTokensState,
  { now }: { now: number },
): Result => {
  const existing = state.tokens[command.tokenId];
  const at = toIso(now);
  switch (command.type) {
    case 'IssueAccessToken': {
      if (existing) return E.left(domainError('TOKEN_EXISTS', 'a token with this id exists'));
      if (command.roles.length === 0 || new Set(command.roles).size !== command.roles.length) {
        return E.left(domainError('INVALID_COMMAND', 'roles must name admin or auditor, once'));
      }
      if (!Number.isSafeInteger(command.expiresAt) || command.expiresAt <= now) {
        return E.left(domainError('INVALID_COMMAND', 'the token must expire after it is issued'));
      }
      return E.right([
        {
          type: 'AdminTokenIssued.v1',
          data: {
            tokenId: command.tokenId,
            roles: [...command.roles],
            subject: command.subject,
            label: command.label,
            issuedAt: at,
            expiresAt: toIso(command.expiresAt),
            at,
            actor: command.actor,
          },
        },
      ]);
    }
    case 'RevokeAccessToken':
      if (!existing) return E.left(domainError('TOKEN_NOT_FOUND', 'no token with this id'));
      if (existing.revokedAt !== null) return E.right([]);
      return E.right([
        {
          type: 'AdminTokenRevoked.v1',
          data: { tokenId: command.tokenId, at, actor: command.actor },
        },
      ]);
  }
};

export const accessTokensDecider: Decider<AccessTokenCommand, AccessTokenEvent, AccessTokensState> =
  {
    initialState: initialAccessTokensState,
    evolve: evolveAccessTokens,
    decide: decideAccessTokens,
  };

export interface TokenRefusal {
  readonly code: 'TOKEN_REVOKED' | 'INVALID_TOKEN';
  /** Short: "not recorded", "expired", "revoked at <instant>". */
  readonly reason: string;
  /** What the 401 says. */
  readonly message: string;
}

const invalid = (reason: string): TokenRefusal => ({
  code: 'INVALID_TOKEN',
  reason,
  message: `the access token is not valid (${reason})`,
});

/** Why a presented token id is not accepted now, or null when it is. */
export const refusalOf = (
  state: AccessTokensState,
  tokenId: string,
  now: number,
): TokenRefusal | null => {
  const record = state.tokens[tokenId];
  if (!record) return invalid('not recorded');
  switch (accessTokenStatus(record, now)) {
    case 'revoked':
      return {
        code: 'TOKEN_REVOKED',
        reason: `revoked at ${record.revokedAt}`,
        message: `the access token was revoked at ${record.revokedAt}`,
      };
    case 'expired':
      return invalid('expired');
    case 'active':
      return null;
  }
};
