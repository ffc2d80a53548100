import * as t from 'io-ts';
import { AccessRole, Id, Instant, RecordedText, nullable } from '@lic/domain';
import type { Operation } from '@lic/openapi';
import { MintTokenBody } from '../admin/tokens.requests';
import { Jwt } from './answers';
import { adminErrors, eventPosition, sample } from './shared';

const tag = 'admin: access tokens';

/** A recorded token as GET lists it: never the token itself. */
const TokenView = t.type(
  {
    token_id: Id,
    subject: Id,
    roles: t.array(AccessRole),
    label: nullable(RecordedText),
    issued_at: Instant,
    expires_at: Instant,
    /** `admin:<subject>`, `system:launcher` (npm start) or `system:admin-token-cli`. */
    issued_by: t.string,
    revoked_at: nullable(Instant),
    revoked_by: nullable(t.string),
    status: t.keyof({ active: null, expired: null, revoked: null }),
  },
  'AccessTokenView',
);
const MintedToken = t.type({ token: Jwt, ...TokenView.props }, 'MintedAccessToken');
const TokenList = t.type({ tokens: t.array(TokenView) }, 'AccessTokenList');

const auditor = {
  token_id: 'tok783ed51218234664b31682d45797e6e5',
  subject: 'audit-team',
  roles: ['auditor'],
  label: 'compliance team, Q2 review',
  issued_at: sample.now,
  expires_at: '2026-04-01T09:00:00.000Z',
  issued_by: 'admin:bootstrap-admin',
  revoked_at: null,
  revoked_by: null,
  status: 'active',
};
const revoked = {
  ...auditor,
  revoked_at: '2026-03-02T10:15:00.000Z',
  revoked_by: 'admin:bootstrap-admin',
  status: 'revoked',
};

const revocationPosition = {
  ...eventPosition,
  required: false,
  description: `${eventPosition.description} Absent when the token was revoked already (nothing recorded).`,
};

/** Minting, listing and revoking access tokens; each step an event of the admin-tokens stream. */
export const tokenOperations: readonly Operation[] = [
  {
    method: 'post',
    path: '/admin/v1/tokens',
    operationId: 'mintAccessToken',
    summary: 'Mint an access token for an operator (admin or auditor)',
    description:
      'For the query API and the dashboard: `auditor` reads the audit trail, the reports and seats as of a past instant; `admin` does everything. Lifetime `ttl_hours` (default ADMIN_TOKEN_TTL_HOURS, 720); an optional `label` says what it is for. Records `AdminTokenIssued.v1` — the token’s id, roles, subject, label and lifetime, never the token — and answers the token once: it cannot be shown again, only listed (without it) and revoked.',
    tag,
    auth: 'bearer',
    body: MintTokenBody,
    responses: {
      201: {
        description: 'The token, and its record.',
        body: MintedToken,
        headers: [eventPosition],
      },
      ...adminErrors(),
    },
    examples: [
      {
        name: 'auditor',
        summary: 'A 30-day token for the compliance team',
        status: 201,
        body: {
          subject: 'audit-team',
          roles: ['auditor'],
          ttl_hours: 720,
          label: 'compliance team, Q2 review',
        },
        response: { token: sample.jwt, ...auditor },
      },
      {
        name: 'unknown-role',
        summary: 'A role that does not exist is refused; nothing is recorded',
        status: 400,
        body: { subject: 'ops', roles: ['root'] },
        response: {
          error: {
            code: 'BAD_REQUEST',
            message: 'body.roles must be one or both of "admin" and "auditor", each once',
            details: [
              {
                field: 'body.roles',
                problem: 'must be one or both of "admin" and "auditor", each once',
              },
            ],
            help: 'http://127.0.0.1:3000/docs/glossary#BAD_REQUEST',
          },
        },
      },
    ],
  },
  {
    method: 'get',
    path: '/admin/v1/tokens',
    operationId: 'listAccessTokens',
    summary: 'Every access token recorded, newest first (never the tokens themselves)',
    description:
      'Read from the admin-tokens stream: who each token stands for, its roles and label, who minted it and when, when it expires, and whether an admin revoked it. `status` is `active`, `expired` or `revoked` (revoked wins).',
    tag,
    auth: 'bearer',
    responses: {
      200: { description: 'The tokens.', body: TokenList },
      ...adminErrors(),
    },
    examples: [
      {
        name: 'all',
        summary: 'The tokens of the installation',
        status: 200,
        response: {
          tokens: [auditor, { ...revoked, token_id: 'tok1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f' }],
        },
      },
    ],
  },
  {
    method: 'delete',
    path: '/admin/v1/tokens/{id}',
    operationId: 'revokeAccessToken',
    summary: 'Revoke an access token: refused (401 TOKEN_REVOKED) from its next request on',
    description:
      'Records `AdminTokenRevoked.v1`. Every command-api replica checks each operator request against the admin-tokens stream as it stands (it reads the stream’s new events, normally none, at every request), so the token is refused by all of them from the next request on. Revoking a revoked token answers it as it stands and records nothing. An admin may revoke the token it is using.',
    tag,
    auth: 'bearer',
    params: { id: { description: 'the token’s `token_id` (as minted or listed)' } },
    responses: {
      200: {
        description: 'The token’s record, revoked.',
        body: TokenView,
        headers: [revocationPosition],
      },
      ...adminErrors({ 404: ['TOKEN_NOT_FOUND'] }),
    },
    examples: [
      {
        name: 'revoke',
        summary: 'Revoke a token',
        status: 200,
        params: { id: '{token_id}' },
        response: revoked,
      },
      {
        name: 'unknown',
        summary: 'An id that was never recorded: 404, nothing recorded',
        status: 404,
        params: { id: 'tok-never-minted' },
        response: {
          error: {
            code: 'TOKEN_NOT_FOUND',
            message: 'no token with this id',
            help: 'http://127.0.0.1:3000/docs/glossary#TOKEN_NOT_FOUND',
          },
        },
      },
    ],
  },
];
