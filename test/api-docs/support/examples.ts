/**
 * The runnable examples of an OpenAPI 3 document, read the way the documents promise (see the
 * command API's info.description): a request example — its parameters, headers and body — and
 * the response example of the same name belong together, and the status that response example
 * is listed under is the status the request gets. A document with unnamed examples (`example`)
 * has one example per operation, expected with the operation's 2xx status.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = Record<string, unknown>;

export interface RunnableExample {
  readonly operationId: string;
  readonly name: string;
  readonly method: string;
  /** The path template, e.g. /admin/v1/licenses/{id}/suspend. */
  readonly path: string;
  readonly status: number;
  readonly pathParams: Record<string, string>;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  /** Security scheme names the operation requires (none: public). */
  readonly security: readonly string[];
  /** `operationId#example`s to run first. */
  readonly setup: readonly string[];
  /** JSON pointer (in the document) of the documented response schema, if any. */
  readonly schemaPointer: string | null;
  readonly contentType: string | null;
  /** Response headers documented as always sent with that status. */
  readonly requiredHeaders: readonly { name: string; schemaPointer: string }[];
}

export interface DocumentedOperation {
  readonly operationId: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly operation: Obj;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const isObj = (u: unknown): u is Obj => typeof u === 'object' && u !== null && !Array.isArray(u);
const pointer = (...parts: string[]) =>
  '#/' + parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export const operationsOf = (document: Obj): DocumentedOperation[] =>
  Object.entries((document.paths as Obj) ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => isObj((item as Obj)[m])).map((method) => {
      const operation = (item as Obj)[method] as Obj;
      return {
        operationId: typeof operation.operationId === 'string' ? operation.operationId : undefined,
        method,
        path,
        operation,
      };
    }),
  );

/** name → value of an object carrying `examples` (named) or `example` (unnamed: "default"). */
const valuesOf = (holder: Obj | undefined): Map<string, unknown> => {
  const out = new Map<string, unknown>();
  if (!holder) return out;
  if (isObj(holder.examples)) {
    for (const [name, ex] of Object.entries(holder.examples)) {
      if (isObj(ex) && 'value' in ex) out.set(name, ex.value);
    }
  } else if ('example' in holder) {
    out.set('default', holder.example);
  }
  return out;
};

const jsonContent = (content: unknown): [string, Obj] | null => {
  if (!isObj(content)) return null;
  const entry = Object.entries(content)[0];
  return entry && isObj(entry[1]) ? [entry[0], entry[1]] : null;
};

export const examplesOf = (document: Obj): RunnableExample[] =>
  operationsOf(document).flatMap(({ operationId, method, path, operation }) => {
    const id = operationId ?? `${method.toUpperCase()} ${path}`;
    const params = (Array.isArray(operation.parameters) ? operation.parameters : []) as Obj[];
    const body = jsonContent((operation.requestBody as Obj | undefined)?.content);
    const responses = (operation.responses as Obj) ?? {};
    const responseExamples = new Map<string, number>();
    for (const [status, response] of Object.entries(responses)) {
      const content = jsonContent((response as Obj).content);
      for (const name of valuesOf(content?.[1]).keys()) responseExamples.set(name, Number(status));
    }
    const success = Object.keys(responses)
      .map(Number)
      .filter((s) => s >= 200 && s < 300)
      .sort()[0];
    const names = new Set<string>([
      ...valuesOf(body?.[1]).keys(),
      ...params.flatMap((p) => [...valuesOf(p).keys()]),
      ...responseExamples.keys(),
    ]);
    if (names.size === 0 && params.every((p) => p.required !== true) && !body) {
      names.add('default'); // nothing to fill in: calling it is the example
    }
    const setup = (operation['x-example-setup'] as Record<string, string[]> | undefined) ?? {};
    return [...names].map((name): RunnableExample => {
      const status = responseExamples.get(name) ?? success ?? 200;
      const valueOf = (p: Obj) => {
        const values = valuesOf(p);
        return values.get(name) ?? (values.size === 1 ? values.get('default') : undefined);
      };
      const pick = (where: string) =>
        Object.fromEntries(
          params
            .filter((p) => p.in === where && valueOf(p) !== undefined)
            .map((p) => [String(p.name), String(valueOf(p))]),
        );
      const response = responses[String(status)] as Obj | undefined;
      const content = jsonContent(response?.content);
      const headers = isObj(response?.headers) ? response.headers : {};
      const base = ['paths', path, method, 'responses', String(status)];
      return {
        operationId: id,
        name,
        method,
        path,
        status,
        pathParams: pick('path'),
        query: pick('query'),
        headers: pick('header'),
        body: body ? valuesOf(body[1]).get(name) : undefined,
        security: ((operation.security ?? document.security ?? []) as Obj[]).flatMap((s) =>
          Object.keys(s),
        ),
        setup: setup[name] ?? [],
        schemaPointer:
          content && 'schema' in content[1]
            ? pointer(...base, 'content', content[0], 'schema')
            : null,
        contentType: content?.[0] ?? null,
        requiredHeaders: Object.entries(headers)
          .filter(([, h]) => isObj(h) && h.required === true)
          .map(([name]) => ({ name, schemaPointer: pointer(...base, 'headers', name, 'schema') })),
      };
    });
  });
