import { canonicalJson } from './canonical-json';
import type { JsonValue } from './canonical-json';

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
});
