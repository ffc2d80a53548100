import { errorExamples } from './examples';

/** The error answers, each with its schema, headers and an example. */
const ERRORS: Readonly<Record<number, { description: string; headers?: object }>> = {
  400: {
    description: 'BAD_REQUEST: a parameter is malformed, repeated or unknown; details name each',
  },
  401: {
    description: 'UNAUTHORIZED, INVALID_TOKEN or TOKEN_REVOKED: no valid access token',
    headers: { 'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer' } },
  },
  403: { description: 'FORBIDDEN: the token lacks a role this operation accepts' },
  404: { description: 'NOT_FOUND: no such license' },
  503: { description: 'EVENT_STORE_UNAVAILABLE: the event store could not be read (as_of)' },
  504: {
    description: 'READ_MODEL_BEHIND: ?after= not reached within READ_YOUR_WRITES_TIMEOUT_MS',
    headers: { 'Retry-After': { schema: { type: 'integer', minimum: 0 }, description: 'seconds' } },
  },
};

/**
 * An error answer: the Error schema, with an example of this status on the schema itself — not
 * on the media type, where it would name a request to run (the examples runner's convention:
 * a media-type example is what the operation's example request gets).
 */
export const errorResponse = (status: number) => ({
  ...ERRORS[status],
  content: {
    'application/json': {
      schema: { allOf: [{ $ref: '#/components/schemas/Error' }], example: errorExamples[status] },
    },
  },
});
