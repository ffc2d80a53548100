import * as t from 'io-ts';
import { errorSchema } from './error-schema';
import { glossary } from './glossary';
import { jsonSchemaOf, type JsonSchema } from './json-schema';
import type { Example, Operation, Response } from './operation';

export * from './operation';

export interface DocumentInfo {
  readonly title: string;
  readonly version: string;
  /** Markdown. */
  readonly description: string;
  /** Absolute URL of the glossary page; rule IDs and error codes link to its anchors. */
  readonly glossaryUrl: string;
}

type Schemas = Record<string, JsonSchema>;

const NAMED = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const RULE = /\b[MFTSOAU][1-8]\b/g;

/** A codec with a proper name becomes a component (shown by name in Swagger UI); else inline. */
const schemaOf = (shape: t.Mixed | JsonSchema, schemas: Schemas): JsonSchema => {
  if (!(shape instanceof t.Type)) return shape;
  const schema = jsonSchemaOf(shape);
  if (!NAMED.test(shape.name)) return schema;
  schemas[shape.name] = schema;
  return { $ref: `#/components/schemas/${shape.name}` };
};

const examplesOf = (examples: readonly Example[], value: (e: Example) => unknown) =>
  Object.fromEntries(
    examples
      .filter((e) => value(e) !== undefined)
      .map((e) => [e.name, { summary: e.summary, value: value(e) }]),
  );

const link = (glossaryUrl: string, id: string) => `[${id}](${glossaryUrl}#${id})`;

/** What an error with this code looks like: the first sentence of its glossary entry. */
const errorExample = (code: string, glossaryUrl: string) => {
  const text = glossary.flatMap((s) => s.entries).find((e) => e.id === code)?.text ?? code;
  const message = (text.split(/(?<=\.)\s/)[0] ?? code)
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\.$/, '');
  return { error: { code, message, help: `${glossaryUrl}#${code}` } };
};

/** Markdown: the operation's own text, then its rules linked to the glossary. */
const descriptionOf = (op: Operation, glossaryUrl: string): string => {
  const ruleIds = [...new Set(op.summary.match(RULE) ?? [])];
  return [
    op.description ?? '',
    ruleIds.length ? `Rules: ${ruleIds.map((r) => link(glossaryUrl, r)).join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
};

const responseOf = (
  status: string,
  r: Response,
  op: Operation,
  info: DocumentInfo,
  schemas: Schemas,
) => {
  const ofStatus = op.examples.filter((e) => String(e.status) === status);
  const isError = Number(status) >= 400;
  const body: t.Mixed | JsonSchema | undefined = isError
    ? {
        allOf: [
          { $ref: '#/components/schemas/Error' },
          ...(r.codes?.length
            ? [{ properties: { error: { properties: { code: { enum: [...r.codes] } } } } }]
            : []),
        ],
        ...(r.codes?.[0] ? { example: errorExample(r.codes[0], info.glossaryUrl) } : {}),
      }
    : r.body;
  const codes = r.codes?.length
    ? `\n\nCodes: ${r.codes.map((c) => link(info.glossaryUrl, c)).join(', ')}.`
    : '';
  return {
    description: `${r.description}${codes}`,
    ...(r.headers?.length
      ? {
          headers: Object.fromEntries(
            r.headers.map((h) => [
              h.name,
              { description: h.description, required: h.required, schema: h.schema },
            ]),
          ),
        }
      : {}),
    ...(body === undefined
      ? {}
      : {
          content: {
            [r.contentType ?? 'application/json']: {
              schema: schemaOf(body, schemas),
              ...(ofStatus.length ? { examples: examplesOf(ofStatus, (e) => e.response) } : {}),
            },
          },
        }),
  };
};

const operationOf = (op: Operation, info: DocumentInfo, schemas: Schemas) => {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name = '']) => ({
    name,
    in: 'path',
    required: true,
    description: op.params?.[name]?.description ?? '',
    schema: op.params?.[name]?.schema ?? { type: 'string' },
    examples: examplesOf(op.examples, (e) => e.params?.[name]),
  }));
  const headers = (op.headers ?? []).map((h) => ({
    name: h.name,
    in: 'header',
    required: h.required,
    description: h.description,
    schema: h.schema ?? { type: 'string' },
    examples: examplesOf(op.examples, (e) => e.headers?.[h.name]),
  }));
  const setup = op.examples.filter((e) => e.after?.length);
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: descriptionOf(op, info.glossaryUrl),
    tags: [op.tag],
    security: op.auth === 'none' ? [] : [{ [op.auth === 'license' ? 'licenseKey' : 'bearer']: [] }],
    parameters: [...pathParams, ...headers],
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: schemaOf(op.body, schemas),
                examples: examplesOf(op.examples, (e) => e.body),
              },
            },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(op.responses).map(([status, r]) => [
        status,
        responseOf(status, r, op, info, schemas),
      ]),
    ),
    ...(setup.length
      ? { 'x-example-setup': Object.fromEntries(setup.map((e) => [e.name, e.after])) }
      : {}),
  };
};

/** An OpenAPI 3.0 document built from the operations' io-ts codecs and examples. */
export const openApiDocument = (info: DocumentInfo, operations: readonly Operation[]) => {
  const schemas: Schemas = { Error: errorSchema(info.glossaryUrl) };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    (paths[op.path] ??= {})[op.method] = operationOf(op, info, schemas);
  }
  return {
    openapi: '3.0.3',
    info: { title: info.title, version: info.version, description: info.description },
    externalDocs: {
      description: 'Glossary: rule IDs, vocabulary, error codes',
      url: info.glossaryUrl,
    },
    paths,
    components: {
      schemas,
      securitySchemes: {
        licenseKey: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            'The license key, as `Authorization: License {license_key}` (shown once when the license is issued).',
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT (EdDSA, typ at+jwt)',
          description:
            'An access token, as `Authorization: Bearer {admin_token}`: `npm start` prints one; `POST /admin/v1/tokens` mints more.',
        },
      },
    },
  };
};
