import * as t from 'io-ts';
import { ClosedType, boundsOf, defaultedOf } from '@lic/domain';

/** A JSON Schema (the subset OpenAPI 3.0 uses). */
export type JsonSchema = { readonly [key: string]: unknown };

const isObjectSchema = (s: JsonSchema): boolean =>
  s['type'] === 'object' && s['properties'] !== undefined && s['oneOf'] === undefined;

/** Intersected object schemas as one object: properties and required fields merged. */
const mergeObjects = (schemas: readonly JsonSchema[], closed: boolean): JsonSchema => {
  if (!schemas.every(isObjectSchema)) return { allOf: schemas };
  const properties = Object.assign({}, ...schemas.map((s) => s['properties'] as object));
  const required = schemas.flatMap((s) => (s['required'] as string[] | undefined) ?? []);
  return objectSchema(properties, required, closed);
};

const objectSchema = (
  properties: Record<string, JsonSchema>,
  required: readonly string[],
  closed: boolean,
): JsonSchema => ({
  type: 'object',
  properties,
  ...(required.length > 0 ? { required } : {}),
  ...(closed ? { additionalProperties: false } : {}),
});

/**
 * The JSON Schema of an io-ts codec, so the OpenAPI document describes exactly what the
 * decoders accept: there is one definition of each request shape, the codec. Bounded codecs
 * show their limits (type integer, minimum, maximum, minLength, maxLength, maxItems, pattern),
 * keyof codecs their enum, closed codecs `additionalProperties: false` at every depth.
 */
export const jsonSchemaOf = (codec: t.Mixed, closed = false): JsonSchema => {
  if (codec instanceof ClosedType) return jsonSchemaOf(codec.type as t.Mixed, true);
  const defaulted = defaultedOf(codec);
  if (defaulted) return { ...jsonSchemaOf(defaulted.inner, closed), default: defaulted.fallback };
  if (
    codec instanceof t.InterfaceType ||
    codec instanceof t.StrictType ||
    codec instanceof t.ExactType
  ) {
    const props = (
      codec instanceof t.ExactType
        ? (codec.type as t.InterfaceType<t.Props>).props
        : (codec as t.InterfaceType<t.Props>).props
    ) as t.Props;
    return objectSchema(
      mapProps(props, closed),
      Object.keys(props).filter((k) => !acceptsUndefined(props[k] as t.Mixed)),
      closed,
    );
  }
  if (codec instanceof t.PartialType) {
    return objectSchema(mapProps(codec.props as t.Props, closed), [], closed);
  }
  if (codec instanceof t.IntersectionType) {
    return mergeObjects(
      (codec.types as t.Mixed[]).map((m) => jsonSchemaOf(m, closed)),
      closed,
    );
  }
  if (codec instanceof t.UnionType) {
    const members = codec.types as t.Mixed[];
    const nonNull = members.filter((m) => !(m instanceof t.NullType));
    const schemas = nonNull.map((m) => jsonSchemaOf(m, closed));
    const nullable = nonNull.length < members.length;
    if (schemas.length === 1)
      return nullable ? { ...schemas[0], nullable: true } : (schemas[0] as JsonSchema);
    return nullable ? { oneOf: schemas, nullable: true } : { oneOf: schemas };
  }
  if (codec instanceof t.LiteralType) return { const: codec.value, type: typeof codec.value };
  if (codec instanceof t.KeyofType)
    return { type: 'string', enum: Object.keys(codec.keys as object) };
  if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType) {
    return { type: 'array', items: jsonSchemaOf(codec.type as t.Mixed, closed) };
  }
  if (codec instanceof t.DictionaryType) {
    return {
      type: 'object',
      additionalProperties: jsonSchemaOf(codec.codomain as t.Mixed, closed),
    };
  }
  if (codec instanceof t.RefinementType) {
    return {
      ...jsonSchemaOf(codec.type as t.Mixed, closed),
      ...boundsOf(codec),
      description: codec.name,
    };
  }
  if (codec instanceof t.StringType) return { type: 'string' };
  if (codec instanceof t.NumberType) return { type: 'number' };
  if (codec instanceof t.BooleanType) return { type: 'boolean' };
  if (codec instanceof t.NullType) return { type: 'null' };
  if (codec.name === 'Instant') return { type: 'string', format: 'date-time' };
  return { description: codec.name };
};

const mapProps = (props: t.Props, closed: boolean): Record<string, JsonSchema> =>
  Object.fromEntries(
    Object.entries(props).map(([k, v]) => [k, jsonSchemaOf(v as t.Mixed, closed)]),
  );

const acceptsUndefined = (codec: t.Mixed): boolean =>
  defaultedOf(codec) !== undefined || codec.is(undefined);
