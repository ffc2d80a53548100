import * as t from 'io-ts';

/** A JSON Schema (the subset OpenAPI 3.1 uses). */
export type JsonSchema = { readonly [key: string]: unknown };

/**
 * The JSON Schema of an io-ts codec, so the OpenAPI document describes exactly what the
 * decoders accept: there is one definition of each request shape, the codec.
 */
export const jsonSchemaOf = (codec: t.Mixed): JsonSchema => {
  const type = codec as t.Mixed & { _tag?: string };
  if (
    type instanceof t.InterfaceType ||
    type instanceof t.StrictType ||
    type instanceof t.ExactType
  ) {
    const props = (
      type instanceof t.ExactType
        ? (type.type as t.InterfaceType<t.Props>).props
        : (type as t.InterfaceType<t.Props>).props
    ) as t.Props;
    return {
      type: 'object',
      properties: mapProps(props),
      required: Object.keys(props).filter((k) => !acceptsUndefined(props[k] as t.Mixed)),
    };
  }
  if (type instanceof t.PartialType) {
    return { type: 'object', properties: mapProps(type.props as t.Props) };
  }
  if (type instanceof t.IntersectionType) {
    return { allOf: (type.types as t.Mixed[]).map(jsonSchemaOf) };
  }
  if (type instanceof t.UnionType) {
    const members = type.types as t.Mixed[];
    const nonNull = members.filter((m) => !(m instanceof t.NullType));
    const schemas = nonNull.map(jsonSchemaOf);
    const nullable = nonNull.length < members.length;
    if (schemas.length === 1)
      return nullable ? { ...schemas[0], nullable: true } : (schemas[0] as JsonSchema);
    return nullable ? { oneOf: schemas, nullable: true } : { oneOf: schemas };
  }
  if (type instanceof t.LiteralType) return { const: type.value, type: typeof type.value };
  if (type instanceof t.KeyofType)
    return { type: 'string', enum: Object.keys(type.keys as object) };
  if (type instanceof t.ArrayType || type instanceof t.ReadonlyArrayType) {
    return { type: 'array', items: jsonSchemaOf(type.type as t.Mixed) };
  }
  if (type instanceof t.DictionaryType) {
    return { type: 'object', additionalProperties: jsonSchemaOf(type.codomain as t.Mixed) };
  }
  if (type instanceof t.RefinementType) {
    return { ...jsonSchemaOf(type.type as t.Mixed), description: type.name };
  }
  if (type instanceof t.StringType) return { type: 'string' };
  if (type instanceof t.NumberType) return { type: 'number' };
  if (type instanceof t.BooleanType) return { type: 'boolean' };
  if (type instanceof t.NullType) return { type: 'null' };
  if (type.name === 'Instant') return { type: 'string', format: 'date-time' };
  return { description: type.name };
};

const mapProps = (props: t.Props): Record<string, JsonSchema> =>
  Object.fromEntries(Object.entries(props).map(([k, v]) => [k, jsonSchemaOf(v as t.Mixed)]));

const acceptsUndefined = (codec: t.Mixed): boolean => codec.is(undefined);
