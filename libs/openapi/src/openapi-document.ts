import type * as t from 'io-ts';
import { jsonSchemaOf, type JsonSchema } from './json-schema';

export interface Operation {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly auth: 'license' | 'bearer' | 'none';
  readonly body?: t.Mixed;
  readonly headers?: readonly { name: string; required: boolean; description: string }[];
  readonly responses: Readonly<Record<number, string>>;
}

const errorSchema: JsonSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string', description: 'stable, machine-readable (e.g. SEATS_EXHAUSTED)' },
        message: { type: 'string' },
        details: {},
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

/** An OpenAPI 3.0 document built from the operations' io-ts codecs. */
export const openApiDocument = (
  info: { title: string; version: string; description: string },
  operations: readonly Operation[],
) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const headers = (op.headers ?? []).map((h) => ({
      name: h.name,
      in: 'header',
      required: h.required,
      description: h.description,
      schema: { type: 'string' },
    }));
    const responses = Object.fromEntries(
      Object.entries(op.responses).map(([status, description]) => [
        status,
        Number(status) >= 400
          ? {
              description,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            }
          : { description },
      ]),
    );
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      tags: [op.tag],
      security:
        op.auth === 'none' ? [] : [{ [op.auth === 'license' ? 'licenseKey' : 'bearer']: [] }],
      parameters: [...params, ...headers],
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchemaOf(op.body) } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info,
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        licenseKey: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'Authorization: License <license key>',
        },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (EdDSA, typ at+jwt)' },
      },
    },
  };
};
