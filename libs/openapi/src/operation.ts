import type * as t from 'io-ts';
import type { JsonSchema } from './json-schema';

/** A request header the operation reads. */
export interface RequestHeader {
  readonly name: string;
  readonly required: boolean;
  readonly description: string;
  readonly schema?: JsonSchema;
}

/** A response header the operation sends. */
export interface ResponseHeader {
  readonly name: string;
  readonly description: string;
  readonly schema: JsonSchema;
  /** Always sent with this status (the examples test checks it). */
  readonly required: boolean;
}

export interface Response {
  readonly description: string;
  /** The JSON body: an io-ts codec (one definition of the shape) or a JSON Schema. */
  readonly body?: t.Mixed | JsonSchema;
  /** Default application/json when there is a body. */
  readonly contentType?: string;
  readonly headers?: readonly ResponseHeader[];
  /** Error responses: the stable codes this status answers with (each explained in the glossary). */
  readonly codes?: readonly string[];
}

/**
 * One runnable example. Values may hold placeholders in braces (`{license_id}`…), listed in
 * the document's description; the request's answer is expected with `status`, and `response`
 * is what such an answer looks like.
 */
export interface Example {
  readonly name: string;
  readonly summary: string;
  readonly status: number;
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly response: unknown;
  /**
   * Examples to run first on the same installation, as `operationId#example` — e.g. reinstating
   * needs a suspended license. Emitted as the operation's `x-example-setup`.
   */
  readonly after?: readonly string[];
}

export interface Operation {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  /** Markdown; rule IDs and codes link to the glossary. */
  readonly description?: string;
  readonly tag: string;
  readonly auth: 'license' | 'bearer' | 'none';
  /** Path parameters by name. */
  readonly params?: Readonly<Record<string, { description: string; schema?: JsonSchema }>>;
  readonly body?: t.Mixed;
  readonly headers?: readonly RequestHeader[];
  readonly responses: Readonly<Record<number, Response>>;
  readonly examples: readonly Example[];
}
