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

/** Most objects here have a handful of keys: sorted in place, without sort()'s workspace. */
const SORT_IN_PLACE_UP_TO = 16;

/** `keys` (our own array) sorted by UTF-16 code units, as sort() orders strings. */
const sortedKeys = (keys: string[]): string[] => {
  if (keys.length > SORT_IN_PLACE_UP_TO) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
};

const objectJson = (value: object): string => {
  if (!isPlainObject(value)) throw new TypeError('canonical JSON cannot encode object');
  const record = value as { readonly [key: string]: JsonValue };
  const keys = sortedKeys(Object.keys(record));
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
