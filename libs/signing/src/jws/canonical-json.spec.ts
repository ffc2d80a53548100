import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import type { JsonValue } from './canonical-json';

/** The definition, written the slow obvious way: the fast builder must agree with it. */
const reference = (value: JsonValue): string => {
  if (Array.isArray(value)) return `[${value.map((v: JsonValue) => reference(v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as { readonly [key: string]: JsonValue };
    const members = Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${reference(record[k] as JsonValue)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}',
    );
  });

  it('equal values in any key order give identical strings', () => {
    expect(canonicalJson({ x: 1, y: 2, z: 3 })).toBe(canonicalJson({ z: 3, x: 1, y: 2 }));
  });

  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ é: 1, Z: 2, a: 3, '10': 4, '9': 5 })).toBe(
      '{"10":4,"9":5,"Z":2,"a":3,"é":1}',
    );
  });

  it('writes numbers and strings as JSON.stringify does', () => {
    expect(canonicalJson([1e21, 0.1, -0, 'a"\\\n\u2028'])).toBe(
      '[1e+21,0.1,0,"a\\"\\\\\\n\u2028"]',
    );
  });

  it.each([NaN, Infinity, undefined, () => 1, new Date(0), new Map()])(
    'refuses %p, which JSON cannot carry faithfully',
    (bad) => {
      expect(() => canonicalJson({ bad } as unknown as JsonValue)).toThrow(TypeError);
    },
  );

  it('gives what the definition gives, and parses back to the same value, for generated JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = canonicalJson(value as JsonValue);
        expect(json).toBe(reference(value as JsonValue));
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});
