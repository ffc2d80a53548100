import fc from 'fast-check';
import { canonical, sameData } from './same-data';

/** A value and a variant of it: a copy with keys reordered, or a change somewhere inside. */
const variant = (value: unknown, change: number): unknown => {
  if (Array.isArray(value)) return value.map((v, i) => (i === 0 ? variant(v, change) : v));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).reverse();
    if (change % 5 === 1) entries.push(['added', change]);
    if (change % 5 === 2 && entries.length > 0) entries.pop();
    return Object.fromEntries(entries.map(([k, v]) => [k, variant(v, change)]));
  }
  if (change % 5 === 3 && typeof value === 'string') return `${value}!`;
  if (change % 5 === 4 && typeof value === 'number') return value + 1;
  return value;
};

describe('sameData', () => {
  it('says what comparing the canonical JSON strings says, whenever it answers', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true }), fc.nat(20), (value, change) => {
        const other = variant(value, change);
        const answer = sameData(value, other);
        if (answer !== null) expect(answer).toBe(canonical(value) === canonical(other));
      }),
      { numRuns: 1000 },
    );
  });

  it('answers for plain JSON data, read back or not', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(sameData(value, JSON.parse(JSON.stringify(value)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('treats a key holding undefined as absent, as JSON does', () => {
    expect(sameData({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameData({ a: 1, b: undefined }, { a: 1, c: 2 })).toBe(false);
  });

  it('leaves what is not plain JSON data to the strings', () => {
    expect(sameData({ at: new Date(0) }, { at: new Date(0).toISOString() })).toBeNull();
    expect(sameData([NaN], [null])).toBeNull();
    expect(sameData([undefined], [null])).toBeNull();
  });
});
