import * as t from 'io-ts';

/**
 * The limits a codec checks, in JSON Schema's words, so that the OpenAPI documents (and the
 * fuzz test reading them) show exactly what the decoder accepts. The codec stays the one
 * definition: its predicate checks these limits, and they are attached to it.
 */
export interface Bounds {
  readonly type?: 'integer';
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly maxItems?: number;
  /** An ECMAScript regular expression the whole value must match. */
  readonly pattern?: string;
}

export type BoundedC<C extends t.Any> = t.RefinementC<C> & { readonly bounds: Bounds };

export const bounded = <C extends t.Any>(
  codec: C,
  predicate: (value: t.TypeOf<C>) => boolean,
  name: string,
  bounds: Bounds,
): BoundedC<C> => Object.assign(t.refinement(codec, predicate, name), { bounds });

/** The limits attached to a codec, if it is bounded. */
export const boundsOf = (codec: unknown): Bounds | undefined =>
  typeof codec === 'object' && codec !== null && 'bounds' in codec
    ? (codec as { bounds: Bounds }).bounds
    : undefined;

const format = (n: number): string => (Number.isSafeInteger(n) ? String(n) : n.toExponential());

/** An integer in [min, max]; the name (and so every error message) states the limits. */
export const intRange = (min: number, max: number) =>
  bounded(
    t.number,
    (n) => Number.isSafeInteger(n) && n >= min && n <= max,
    `an integer from ${format(min)} to ${format(max)}`,
    { type: 'integer', minimum: min, maximum: max },
  );

/** C0 and C1 control characters (NUL, tab, newline, DEL, …): never in text we store. */
const isControl = (code: number): boolean => code <= 0x1f || (code >= 0x7f && code <= 0x9f);
const hasControl = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (isControl(s.charCodeAt(i))) return true;
  return false;
};
export const NO_CONTROL_SOURCE = '^[^\\u0000-\\u001f\\u007f-\\u009f]*$';

/** A surrogate half without its partner: not a character, and not representable in UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Well-formed UTF-16 (no lone surrogate) and no control character. */
export const isCleanText = (s: string): boolean => !hasControl(s) && !LONE_SURROGATE.test(s);

/**
 * Free text an operator types (a reason, a licensee, a product name): 1 to `max` characters,
 * not blank, no control characters, well-formed — so it is stored and read back byte for byte
 * by every event store and read database (PostgreSQL refuses NUL in text).
 */
export const text = (max: number) =>
  bounded(
    t.string,
    (s) => s.length <= max && s.trim().length > 0 && isCleanText(s),
    `text of 1 to ${max} characters, not blank, without control characters`,
    { minLength: 1, maxLength: max, pattern: NO_CONTROL_SOURCE },
  );

/** Optional free text with no lower bound (e.g. a machine's hostname). */
export const shortText = (max: number) =>
  bounded(
    t.string,
    (s) => s.length <= max && isCleanText(s),
    `text of at most ${max} characters without control characters`,
    { maxLength: max, pattern: NO_CONTROL_SOURCE },
  );

/** A string matching `re` (anchored), at most `maxLength` characters. */
export const matching = (name: string, re: RegExp, maxLength: number) =>
  bounded(t.string, (s) => s.length <= maxLength && re.test(s), name, {
    maxLength,
    pattern: re.source,
  });

/** An array of at most `max` items. */
export const arrayOf = <C extends t.Mixed>(codec: C, max: number) =>
  bounded(t.array(codec), (a) => a.length <= max, `at most ${max} ${codec.name}`, {
    maxItems: max,
  });
