import fc from 'fast-check';
import { WrongExpectedRevisionError } from '../../event-store.port';
import type { Outcome } from '../append-batch';
import type { AppendRequest } from '../sqlite-append';
import { packGroup, packOutcomes, unpackGroup, unpackOutcomes } from './writer-messages';

const expected = fc.oneof(
  fc.constantFrom('any' as const, 'no_stream' as const, 'stream_exists' as const),
  fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
);
const event = fc.record({
  id: fc.uuid(),
  type: fc.string(),
  data: fc.string(),
  metadata: fc.string(),
});
const request: fc.Arbitrary<AppendRequest> = fc.record({
  streamName: fc.string(),
  expected,
  events: fc.array(event, { maxLength: 4 }),
});

describe('the messages to and from the SQLite writer thread', () => {
  it('A1: a group of appends packed for the thread unpacks to the same appends, in order', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(request, { maxLength: 8 }), (recordedAt, requests) => {
        const copy = structuredClone(packGroup(recordedAt, requests));
        expect(unpackGroup(copy)).toEqual({ recordedAt, requests });
      }),
    );
  });

  it('A1: a group that is not packed as the writer packs it is refused, not half-read', () => {
    expect(() => unpackGroup([1])).toThrow(TypeError);
    expect(() => unpackGroup(['2026-01-01T00:00:00.000Z', 's', 'any', 'one'])).toThrow(TypeError);
    expect(() => unpackGroup(['2026-01-01T00:00:00.000Z', 's', 'latest', 0])).toThrow(TypeError);
    expect(() => unpackGroup(['2026-01-01T00:00:00.000Z', 's', 'any', 1, 'id'])).toThrow(TypeError);
  });

  it('F4: outcomes come back in order, a conflict as the typed error the store throws', () => {
    const outcomes: Outcome[] = [
      { ok: true, result: { nextExpectedRevision: 3n, position: 41n } },
      { ok: false, error: new WrongExpectedRevisionError('license-a', 2n, 5n) },
      { ok: true, result: { nextExpectedRevision: 0n, position: 42n } },
    ];
    const back = unpackOutcomes(structuredClone(packOutcomes(outcomes)));
    expect(back[0]).toEqual(outcomes[0]);
    expect(back[2]).toEqual(outcomes[2]);
    const conflict = back[1];
    expect(conflict?.ok).toBe(false);
    if (conflict?.ok !== false) return;
    expect(conflict.error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(conflict.error).toMatchObject({ streamName: 'license-a', expected: 2n, actual: 5n });
  });
});
