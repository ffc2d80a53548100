import * as t from 'io-ts';
import { Instant } from '@lic/domain';
import { positionFromString } from '@lic/event-store';

/** A global position as a decimal string (how positions cross JSON), decoded to bigint. */
export const PositionParam = new t.Type<bigint, string, unknown>(
  'a position (decimal digits)',
  (u): u is bigint => typeof u === 'bigint',
  (u, c) => {
    const p = typeof u === 'string' ? positionFromString(u) : null;
    return p === null ? t.failure(u, c) : t.success(p);
  },
  (p) => p.toString(10),
);

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 instant with a zone (2026-03-02T09:00:00Z), normalised to milliseconds UTC. */
export const InstantParam = new t.Type<string, string, unknown>(
  'an ISO-8601 instant with a time zone, e.g. 2026-03-02T09:00:00Z',
  (u): u is string => typeof u === 'string',
  (u, c) => {
    if (typeof u !== 'string' || !ISO.test(u)) return t.failure(u, c);
    const ms = Date.parse(u);
    // An offset can carry 9999-12-31T23:00-05:00 past year 9999: not an instant events carry.
    const iso = Number.isNaN(ms) ? null : new Date(ms).toISOString();
    return iso !== null && Instant.is(iso) ? t.success(iso) : t.failure(u, c);
  },
  t.identity,
);

/** An integer from `min` to `max`, given as decimal digits. */
export const integerParam = (name: string, min: number, max: number) =>
  new t.Type<number, string, unknown>(
    name,
    (u): u is number => typeof u === 'number',
    (u, c) => {
      const n = typeof u === 'string' && /^\d{1,6}$/.test(u) ? Number(u) : NaN;
      return n >= min && n <= max ? t.success(n) : t.failure(u, c);
    },
    String,
  );

/** A page size: an integer 1..max (default applied by the caller). */
export const limitParam = (max: number) => integerParam(`an integer from 1 to ${max}`, 1, max);

export const HolderKindParam = t.keyof(
  { machine: null, lease: null, session: null },
  'machine, lease or session',
);
