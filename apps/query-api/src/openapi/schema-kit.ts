/** Shorthands for the JSON schemas of the query API's answers. */
export const str = { type: 'string' };
export const nstr = { type: 'string', nullable: true };
export const int = { type: 'integer', minimum: 0 };
export const nint = { type: 'integer', minimum: 0, nullable: true };
export const num = { type: 'number', minimum: 0 };
export const instant = { type: 'string', format: 'date-time' };
export const ninstant = { ...instant, nullable: true };
export const position = {
  type: 'string',
  pattern: '^[0-9]{1,20}$',
  description: 'a global position of the event store, in decimal digits',
};
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const obj = (properties: Record<string, unknown>, nullable = false) => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
  ...(nullable ? { nullable: true } : {}),
});
export const list = (items: unknown) => ({ type: 'array', items });
export const page = (item: string) =>
  obj({ items: list(ref(item)), next_cursor: { ...nstr, description: 'pass back as cursor' } });
export const enumOf = (...values: string[]) => ({ type: 'string', enum: values });
