import * as t from 'io-ts';

/** An OpenAPI query parameter, with the schema of exactly what its codec accepts. */
export interface QueryParameter {
  readonly name: string;
  readonly in: 'query';
  readonly required: boolean;
  readonly description: string;
  readonly schema: Record<string, unknown>;
  readonly example?: unknown;
}

const range = /from (\d+) to (\d+)/;

/** The JSON schema of one query parameter's codec (query values arrive as strings). */
export const parameterSchema = (codec: t.Mixed): Record<string, unknown> => {
  if (codec instanceof t.KeyofType)
    return { type: 'string', enum: Object.keys(codec.keys as object) };
  const name = codec.name;
  const bounds = range.exec(name);
  if (bounds) return { type: 'integer', minimum: Number(bounds[1]), maximum: Number(bounds[2]) };
  if (name.startsWith('an ISO-8601 instant')) return { type: 'string', format: 'date-time' };
  if (name.startsWith('a position')) return { type: 'string', pattern: '^[0-9]{1,20}$' };
  if (name === 'Id') return { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' };
  return { type: 'string' };
};

/** The parameters a query codec decodes: required ones from t.type, optional from t.partial. */
export const parametersOf = (
  codec: t.Mixed | undefined,
  examples: Readonly<Record<string, unknown>> = {},
): QueryParameter[] => {
  if (codec === undefined) return [];
  if (codec instanceof t.IntersectionType) {
    return (codec.types as t.Mixed[]).flatMap((c) => parametersOf(c, examples));
  }
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType) {
    const required = codec instanceof t.InterfaceType;
    return Object.entries(codec.props as t.Props).map(([name, c]) => ({
      name,
      in: 'query' as const,
      required,
      description: c.name,
      schema: parameterSchema(c),
      ...(name in examples ? { example: examples[name] } : {}),
    }));
  }
  return [];
};

export const AFTER: QueryParameter = {
  name: 'after',
  in: 'query',
  required: false,
  description:
    'Read-your-writes: wait (up to READ_YOUR_WRITES_TIMEOUT_MS) until the read models have passed this position — the X-Event-Position the command API answered with; else 504 READ_MODEL_BEHIND.',
  schema: { type: 'string', pattern: '^[0-9]{1,20}$' },
};
