import type { Schema } from './schema-values';

/** One route of an OpenAPI document, as the fuzzer drives it. */
export interface Operation {
  readonly app: 'command' | 'query';
  readonly baseUrl: string;
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly {
    readonly name: string;
    readonly in: 'path' | 'query' | 'header';
    readonly required: boolean;
    readonly schema: Schema;
    readonly description?: string;
  }[];
  readonly body: Schema | undefined;
  readonly auth: 'license' | 'bearer' | 'none';
}

interface Document {
  readonly components?: { readonly schemas?: Record<string, unknown> };
  readonly paths: Record<
    string,
    Record<
      string,
      {
        readonly parameters?: Operation['parameters'];
        readonly requestBody?: { readonly content: Record<string, { readonly schema: Schema }> };
        readonly security?: readonly Record<string, unknown>[];
      }
    >
  >;
}

/** Every route of the OpenAPI document an app serves at /api/docs-json. */
export const operationsOf = async (
  app: Operation['app'],
  baseUrl: string,
): Promise<Operation[]> => {
  const raw = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as Document;
  const doc = inlineRefs(raw, raw.components?.schemas ?? {}) as Document;
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const scheme = Object.keys(op.security?.[0] ?? {})[0];
      return {
        app,
        baseUrl,
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema,
        auth: scheme === undefined ? 'none' : /license/i.test(scheme) ? 'license' : 'bearer',
      } satisfies Operation;
    }),
  );
};

/** The document with every `#/components/schemas/…` reference replaced by the schema it names. */
const inlineRefs = (
  node: unknown,
  schemas: Record<string, unknown>,
  seen: string[] = [],
): unknown => {
  if (Array.isArray(node)) return node.map((n) => inlineRefs(n, schemas, seen));
  if (typeof node !== 'object' || node === null) return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    const name = ref.slice('#/components/schemas/'.length);
    if (seen.includes(name)) return {};
    return inlineRefs(schemas[name], schemas, [...seen, name]);
  }
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, inlineRefs(v, schemas, seen)]),
  );
};
