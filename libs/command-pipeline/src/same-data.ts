/** JSON with object keys sorted: two values are the same data iff these strings are equal. */
export const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );

type Shape = 'primitive' | 'array' | 'record' | 'other';

const shapeOf = (v: unknown): Shape => {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return 'primitive';
  if (typeof v === 'number') return Number.isFinite(v) ? 'primitive' : 'other';
  if (typeof v !== 'object') return 'other';
  if (Array.isArray(v)) return 'array';
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null ? 'record' : 'other';
};

const definedKeys = (record: Readonly<Record<string, unknown>>): number => {
  let n = 0;
  for (const k of Object.keys(record)) if (record[k] !== undefined) n++;
  return n;
};

/**
 * Whether `a` and `b` are the same JSON data — what `canonical(a) === canonical(b)` says —
 * walked in place instead of writing both strings (the pipeline asks this of every event it
 * appends). A key whose value is undefined is absent, as JSON has it. Null when either holds
 * something that is not plain JSON data (a Date, a NaN, an undefined array item...): the caller
 * then compares the canonical strings.
 */
export const sameData = (a: unknown, b: unknown): boolean | null => {
  const shape = shapeOf(a);
  const other = shapeOf(b);
  if (shape === 'other' || other === 'other') return null;
  if (shape !== other) return false;
  if (shape === 'primitive') return a === b;
  if (shape === 'array') return sameItems(a as readonly unknown[], b as readonly unknown[]);
  return sameRecords(a as Record<string, unknown>, b as Record<string, unknown>);
};

const sameItems = (a: readonly unknown[], b: readonly unknown[]): boolean | null => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const same = sameData(a[i], b[i]);
    if (same !== true) return same;
  }
  return true;
};

const sameRecords = (
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
): boolean | null => {
  for (const k of Object.keys(a)) {
    const v = a[k];
    if (v === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    const same = sameData(v, b[k]);
    if (same !== true) return same;
  }
  return definedKeys(a) === definedKeys(b);
};
