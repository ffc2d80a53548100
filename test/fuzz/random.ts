import { prng } from '../read-side/support/workload';

/** The choices the fuzzer makes with a seeded PRNG (mulberry32): runs are repeatable. */
export const seeded = (seed: number) => {
  const { next } = prng(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number): boolean => next() < p;
  const word = (length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string =>
    Array.from({ length }, () => alphabet[int(0, alphabet.length - 1)]).join('');
  return { next, int, pick, chance, word };
};
export type Random = ReturnType<typeof seeded>;

const NUL = String.fromCharCode(0);

/** Strings that break naive servers: control characters, lone surrogates, huge, injections. */
export const hostileStrings = (r: Random): string[] => [
  '',
  ' ',
  `a${NUL}b`,
  'line\nbreak',
  '\t',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0085\u2028',
  '🙂'.repeat(300),
  'x'.repeat(r.pick([129, 257, 501, 4_096, 60_000])),
  '../../etc/passwd',
  "'; DROP TABLE licenses; --",
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '%00%2e%2e%2f',
  '__proto__',
  'constructor',
  '1e309',
  '-0',
  'NaN',
  '9'.repeat(40),
  '+010241-08-20T05:33:50.422Z',
  '2026-02-30T00:00:00.000Z',
  'llt_',
  'Bearer ',
];

/** Numbers at and past every edge, and values of the wrong type. */
export const hostileNumbers: readonly unknown[] = [
  0,
  -1,
  -0,
  0.5,
  2.5,
  1e15,
  1e300,
  -1e300,
  3_000_000,
  3e9,
  5e9,
  2 ** 31,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  '30',
  '',
  true,
  null,
  [],
  {},
];
