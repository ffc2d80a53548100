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
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no ${value}`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? arrayJson(value) : objectJson(value);
    default:
      throw new TypeError(`canonical JSON cannot encode ${typeof value}`);
  }
};

// One string built in place (no intermediate arrays): the audit chain hashes every appended
// event through this, on the command path.
const arrayJson = (items: readonly JsonValue[]): string => {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ',';
    out += canonicalJson(items[i] as JsonValue);
  }
  return `${out}]`;
};

const objectJson = (value: object): string => {
  if (!isPlainObject(value)) throw new TypeError('canonical JSON cannot encode object');
  const record = value as { readonly [key: string]: JsonValue };
  const keys = Object.keys(record).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (i > 0) out += ',';
    out += `${quoted(key)}:${canonicalJson(record[key] as JsonValue)}`;
  }
  return `${out}}`;
};

/** Nothing JSON escapes: printable ASCII but `"` and `\\`. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const quoted = (s: string): string => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));
