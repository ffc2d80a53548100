import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { dashboardPaths } from './dashboard-paths';
import { responseExamples } from './examples';
import { errorResponse } from './responses';
import { operations, type Operation } from './operations';
import { AFTER, parametersOf } from './query-parameters';
import { schemas } from './schemas';

const ANSWER_HEADERS = {
  'X-Read-Model-Position': {
    description: 'How far the read models go: the projector’s checkpoint, in decimal digits.',
    schema: { type: 'string', pattern: '^[0-9]{1,20}$' },
  },
  'X-Correlation-Id': {
    description: 'The request’s correlation id (the one sent, or a new one), as in the logs.',
    schema: { type: 'string' },
  },
  'X-Request-Id': {
    description: 'This request’s own id, as in the logs.',
    schema: { type: 'string' },
  },
};

const CORRELATION = {
  name: 'X-Correlation-Id',
  in: 'header',
  required: false,
  description:
    'Ties this request to others in the logs; answered back. Ignored unless it matches the pattern; default: the request id.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
};

const success = (op: Operation) => {
  const json = op.response.schema
    ? {
        'application/json': {
          schema: { $ref: `#/components/schemas/${op.response.schema}` },
          ...(op.response.schema in responseExamples
            ? { example: responseExamples[op.response.schema] }
            : {}),
        },
      }
    : { [op.response.type ?? 'text/plain']: { schema: { type: 'string' } } };
  const csv = op.csv
    ? {
        'text/csv': {
          schema: {
            type: 'string',
            description: 'with ?format=csv: a header row, then one row per figure',
          },
        },
      }
    : {};
  return {
    description: op.response.description,
    headers: ANSWER_HEADERS,
    content: { ...json, ...csv },
  };
};

const operation = (op: Operation) => {
  const path = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' },
    example: `{${m[1]}}`,
  }));
  const query = parametersOf(op.query, op.examples ?? {});
  const statuses = [
    400,
    401,
    403,
    ...(op.notFound ? [404] : []),
    ...(op.operationId === 'getSeats' ? [503] : []),
    504,
  ];
  const who =
    op.roles.length === 0
      ? 'Public.'
      : `Roles: ${['admin', ...op.roles.filter((r) => r !== 'admin')].join(', ')}.`;
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: `${who} Every answer carries \`X-Read-Model-Position\`; \`?after=<position>\` waits for a write to be projected.`,
    tags: [op.tag],
    security: op.roles.length === 0 ? [] : [{ bearer: [] }],
    parameters: [...path, ...query, AFTER, CORRELATION],
    responses: {
      200: success(op),
      ...Object.fromEntries(statuses.map((s) => [s, errorResponse(s)])),
    },
    ...(op.exampleSkip ? { 'x-example-skip': op.exampleSkip } : {}),
  };
};

export const queryApiDocument = () => ({
  openapi: '3.0.3',
  info: {
    title: 'License server — query API',
    version: '1',
    description: [
      'Read models of the license server (A2, A3, U1, U2): licenses and seats, holders, the audit trail, reports, and the seat dashboard.',
      '',
      '- Authorization: `Authorization: Bearer <access token>` (role `admin`: everything; `auditor`: audit trail, reports, `as_of` seats, status). The dashboard’s session cookie works too.',
      '- JSON fields and query parameters are snake_case; instants are ISO-8601 UTC; positions are decimal strings.',
      '- Errors: `{"error":{"code","message","details"}}` — `details` is a list of `{field, problem}` for a 400, an object of named facts otherwise; the same shape as the command API’s.',
      '- Examples name fixture ids as `{license_id}` and `{product_id}`.',
    ].join('\n'),
  },
  paths: {
    ...Object.fromEntries(
      operations.map((op) => [op.path, { [op.method ?? 'get']: operation(op) }]),
    ),
    ...dashboardPaths(),
  },
  components: {
    schemas,
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (at+jwt, EdDSA)' },
    },
  },
});

/** OpenAPI at /api/docs-json, Swagger UI at /api/docs. */
export const setUpOpenApi = (app: NestFastifyApplication): void => {
  SwaggerModule.setup('api/docs', app, queryApiDocument() as unknown as OpenAPIObject, {
    jsonDocumentUrl: 'api/docs-json',
  });
};
