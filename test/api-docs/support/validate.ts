import Ajv2019 from 'ajv/dist/2019';

type Obj = Record<string, unknown>;
const isObj = (u: unknown): u is Obj => typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * A copy of the document in which every object schema with properties refuses properties it
 * does not declare — except members of an allOf, which see only part of the object — so an
 * answer with an undocumented field fails as surely as one missing a documented field.
 */
const closed = (node: unknown, inAllOf = false): unknown => {
  if (Array.isArray(node)) return node.map((n) => closed(n));
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === 'allOf' && Array.isArray(v) ? v.map((m) => closed(m, true)) : closed(v);
  }
  if (
    !inAllOf &&
    out.type === 'object' &&
    isObj(out.properties) &&
    out.additionalProperties === undefined
  ) {
    out.unevaluatedProperties = false;
  }
  return out;
};

/** Validates values against the schemas of an OpenAPI 3.0 document, by JSON pointer. */
export const documentValidator = (document: Obj) => {
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false, logger: false });
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /T/.test(s));
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addSchema(closed(document) as Obj, 'doc');
  return (schemaPointer: string, value: unknown): string[] => {
    const validate = ajv.compile({ $ref: `doc${schemaPointer}` });
    return validate(value)
      ? []
      : (validate.errors ?? []).map(
          (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
        );
  };
};
