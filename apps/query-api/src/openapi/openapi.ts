import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import * as t from 'io-ts';
import { commonResponses, operations, type Operation } from './operations';
import { schemas } from './schemas';

interface Parameter {
  readonly name: string;
  readonly required: boolean;
  readonly description: string;
}

/** The parameters a query codec decodes: required ones from t.type, optional from t.partial. */
const parametersOf = (codec: t.Mixed | undefined): Parameter[] => {
  if (codec === undefined) return [];
  if (codec instanceof t.IntersectionType) {
    return (codec.types as t.Mixed[]).flatMap((c) => parametersOf(c));
  }
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType) {
    const required = codec instanceof t.InterfaceType;
    return Object.entries(codec.props as t.Props).map(([name, c]) => ({
      name,
      required,
      description: c.name,
    }));
  }
  return [];
};

const after: Parameter = {
  name: 'after',
  required: false,
  description:
    'read-your-writes: wait (up to READ_YOUR_WRITES_TIMEOUT_MS) until the read models have passed this position — the X-Event-Position the command API answered with; else 504 READ_MODEL_BEHIND',
};

const operation = (op: Operation) => {
  const path = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = [
    ...parametersOf(op.query),
    after,
    ...(op.queryToken
      ? [
          {
            name: 'access_token',
            required: false,
            description: 'the access token (EventSource cannot send headers)',
          },
        ]
      : []),
  ].map((p) => ({ ...p, in: 'query', schema: { type: 'string' } }));
  const ok = op.response.schema
    ? { 'application/json': { schema: { $ref: `#/components/schemas/${op.response.schema}` } } }
    : { [op.response.type ?? 'text/plain']: { schema: { type: 'string' } } };
  const errors = Object.fromEntries(
    Object.entries(commonResponses).map(([status, description]) => [
      status,
      {
        description,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  );
  const who =
    op.roles.length === 0
      ? 'public'
      : `roles: ${['admin', ...op.roles.filter((r) => r !== 'admin')].join(', ')}`;
  return {
    summary: op.summary,
    description: `${who}. Every answer carries X-Read-Model-Position.`,
    tags: [op.tag],
    security: op.roles.length === 0 ? [] : [{ bearer: [] }],
    parameters: [...path, ...query],
    responses: { 200: { description: op.response.description, content: ok }, ...errors },
  };
};

export const queryApiDocument = () => ({
  openapi: '3.0.3',
  info: {
    title: 'License server — query API',
    version: '1',
    description:
      'Read models of the license server (A2, A3, U1, U2): licenses and seats, holders, the audit trail, utilization and refusal reports, and the seat dashboard. `Authorization: Bearer {admin_token}` (role admin: everything; auditor: audit trail, reports, ?asOf= seats). Errors: {"error":{"code","message","details"}}.',
  },
  paths: Object.fromEntries(operations.map((op) => [op.path, { get: operation(op) }])),
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
