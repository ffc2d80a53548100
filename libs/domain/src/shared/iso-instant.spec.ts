import * as fc from 'fast-check';
import { Instant } from './codecs';
import { isIsoInstant } from './iso-instant';

/** The check Instant made before iso-instant.ts: the pattern, then a Date round trip. */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const byDateRoundTrip = (s: string): boolean => {
  if (!ISO.test(s)) return false;
  const ms = Date.parse(s);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === s;
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const iso = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) =>
  `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`;

/** Every field near and past its bounds: the strings where a calendar check could go wrong. */
const nearBounds = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(0, 1, 4, 100, 1600, 1700, 1900, 1970, 2000, 2024, 2026, 2100, 2400, 9999),
      fc.integer({ min: 0, max: 9999 }),
    ),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map((f) => iso(...f));

/** A valid instant with one character replaced, inserted or removed. */
const mutated = fc
  .tuple(
    fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }),
    fc.nat(24),
    fc.constantFrom('replace', 'insert', 'remove'),
    fc.constantFrom(...'0123456789-T:.Z tz+/\u0660\uff10'.split('')),
  )
  .map(([ms, at, how, ch]) => {
    const s = new Date(ms).toISOString();
    if (how === 'remove') return s.slice(0, at) + s.slice(at + 1);
    return s.slice(0, at) + ch + s.slice(how === 'replace' ? at + 1 : at);
  });

const same = (s: string) => expect(isIsoInstant(s)).toBe(byDateRoundTrip(s));

describe('isIsoInstant', () => {
  it('accepts every instant Date#toISOString writes for years 0000-9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
        expect(isIsoInstant(new Date(ms).toISOString())).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('refuses exactly what the Date round trip refuses, near every bound', () => {
    fc.assert(fc.property(nearBounds, same), { numRuns: 20_000 });
  });

  it('refuses exactly what the Date round trip refuses, one character off', () => {
    fc.assert(fc.property(mutated, same), { numRuns: 20_000 });
  });

  it('refuses exactly what the Date round trip refuses, on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), same), { numRuns: 10_000 });
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/),
        same,
      ),
      { numRuns: 20_000 },
    );
  });

  it('agrees with the Date round trip on every day, hour, minute and second of leap-year edges', () => {
    for (const year of [0, 1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) same(iso(year, month, day, 12, 30, 30, 500));
      }
    }
    for (let v = 0; v <= 61; v++) {
      same(iso(2026, 1, 1, v, 0, 0, 0));
      same(iso(2026, 1, 1, 0, v, 0, 0));
      same(iso(2026, 1, 1, 0, 0, v, 0));
    }
    same(iso(2026, 1, 1, 24, 0, 0, 0));
    same(iso(9999, 12, 31, 23, 59, 59, 999));
  });

  it('is what the Instant codec checks', () => {
    expect(Instant.is('2026-02-29T00:00:00.000Z')).toBe(false);
    expect(Instant.is('2024-02-29T00:00:00.000Z')).toBe(true);
    expect(Instant.is(20240229)).toBe(false);
  });
});
