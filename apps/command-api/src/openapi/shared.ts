import type { RequestHeader, Response, ResponseHeader } from '@lic/openapi';

/** Read-your-writes: the global position of what the command recorded (A2). */
export const eventPosition: ResponseHeader = {
  name: 'X-Event-Position',
  description:
    'The global position of the events this command recorded — a string of decimal digits (it can exceed 2^53). Pass it to the query API as `?after={position}` to read your own write.',
  schema: { type: 'string', pattern: '^[0-9]+$', example: '1024' },
  required: true,
};

export const idempotencyKey: RequestHeader = {
  name: 'Idempotency-Key',
  required: true,
  description:
    'F6: the same key with the same request returns the first answer, byte for byte, for at least 24 hours; with another request it is 409 IDEMPOTENCY_KEY_REUSED. Choose one per job, e.g. the job id.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
};

const retryAfter: ResponseHeader = {
  name: 'Retry-After',
  description: 'With RATE_LIMITED: seconds until the window frees an attempt (O5).',
  schema: { type: 'integer', minimum: 1 },
  required: false,
};

const error = (
  description: string,
  codes: readonly string[],
  extra: Partial<Response> = {},
): Response => ({ description, codes, ...extra });

/** The statuses whose codes were given; one left out has nothing to answer with. */
const given = (statuses: Record<number, Response | null>): Record<number, Response> =>
  Object.fromEntries(
    Object.entries(statuses).filter((e): e is [string, Response] => e[1] !== null),
  );

const malformed = error('The request is malformed; `details` names each field.', ['BAD_REQUEST']);
const statusRefusals = ['LICENSE_REVOKED', 'LICENSE_SUSPENDED', 'LICENSE_EXPIRED'];

/** Errors of the client surfaces (Authorization: License …), plus the operation's own. */
export const clientErrors = (
  own: { 404?: readonly string[]; 409?: readonly string[]; 422?: readonly string[] } = {},
  options: { retryAfter?: boolean } = {},
): Record<number, Response> =>
  given({
    400: malformed,
    401: error('No license key, or not a valid one.', ['UNAUTHORIZED', 'INVALID_LICENSE_KEY']),
    404: error('Unknown license (or holder).', ['LICENSE_NOT_FOUND', ...(own[404] ?? [])]),
    409: own[409] ? error('Conflict; retry or use a new key.', own[409]) : null,
    422: error(
      'Refused by a rule; refusals of seats and standing are recorded and counted (U2).',
      [...(own[422] ?? []), ...statusRefusals],
      options.retryAfter ? { headers: [retryAfter] } : {},
    ),
  });

/** Errors of the admin API (Authorization: Bearer …, role admin), plus the operation's own. */
export const adminErrors = (
  own: { 404?: readonly string[]; 409?: readonly string[]; 422?: readonly string[] } = {},
): Record<number, Response> =>
  given({
    400: malformed,
    401: error('No access token, or not a valid one (expired, or revoked by an admin).', [
      'UNAUTHORIZED',
      'INVALID_TOKEN',
      'TOKEN_REVOKED',
    ]),
    403: error('The token lacks the admin role.', ['FORBIDDEN']),
    404: own[404]?.length ? error('Not found.', own[404]) : null,
    409: own[409]?.length ? error('Conflict.', [...own[409], 'CONCURRENT_CONFLICT']) : null,
    422: own[422]?.length ? error('Refused by a rule.', own[422]) : null,
  });

/** Sample values of the response examples (what real answers look like). */
export const sample = {
  licenseId: 'lic7d1f0c2a9b3e4c58a6e2f4b1c0d9e8f7',
  licenseKey: 'lk_lic7d1f0c2a9b3e4c58a6e2f4b1c0d9e8f7_ZWhq2AZ-dS8ajtiwkZMLCTnEVGGTScm6x4f-6Un7Fgg',
  leaseToken: 'llt_2e1390d4083d40d193cae4c961cffbc5',
  activationId: 'e3211281e4ab4f409acf92ec18db2bdb',
  sessionId: '5b0e8f2c1d7a4a3e9f6b2c8d0e1f4a7b',
  tokenId: '783ed51218234664b31682d45797e6e5',
  jwt: 'eyJhbGciOiJFZERTQSIsInR5cCI6Im1hY2hpbmUrand0In0.eyJtYWNoaW5lRmluZ2VycHJpbnQiOiJ3cy1hbm5hLTAxIn0.Wgre979r98-E9L_ts8z9xpN3Ro5eH6PyefkvlNCTpzTxEhPFOmXJlo-FkS5pMhVPXKCTeog21eMmIbu9f4FxAg',
  envelope:
    'eyJhbGciOiJFZERTQSIsInR5cCI6ImxpY2Vuc2UtZW52ZWxvcGUrandzIn0.eyJ0eXBlIjoiZmxvYXRpbmcuY2hlY2tvdXQifQ.fjSZ2dAk9SWhJ4K_UtWy7whs_khqUyvj8ggtBpza-DqXZq-1S9HmLKnzRHJlSs0LRPnEbwSj-4QMgd38tbo6Cg',
  now: '2026-03-02T09:00:00.000Z',
} as const;
