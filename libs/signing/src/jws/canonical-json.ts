export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

const isPlainObject = (v: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units) at every depth, no whitespace,
 * numbers and strings as JSON.stringify writes them — the RFC 8785 (JCS) form for these values.
 * Equal values give equal strings, so what is signed over them is byte-identical too.
 * Refuses what JSON cannot carry faithfully: NaN, ±Infinity, undefined, functions, class
 * instances (Date, Map, ...).
 */
export const canonicalJson = (value: JsonValue): string => {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v: JsonValue) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object' && isPlainObject(value)) {
    const record = value as { readonly [key: string]: JsonValue };
    const members = Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k] as JsonValue)}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonical JSON cannot encode ${typeof value}`);
};
