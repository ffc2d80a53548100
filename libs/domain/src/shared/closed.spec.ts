import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { closed, unknownFields } from './closed';
import { problemsOf } from './problems';

const Body = closed(
  t.intersection([
    t.type({ product_id: t.string }),
    t.partial({
      seats: t.partial({ max_machines: t.number }),
      owner: t.union([
        t.type({ kind: t.literal('a'), a: t.number }),
        t.type({ kind: t.literal('b'), b: t.number }),
      ]),
      tags: t.array(t.type({ name: t.string })),
      note: t.union([t.string, t.null]),
    }),
  ]),
);

describe('closed codecs refuse what they do not declare (A1: nothing silently ignored)', () => {
  it('A1: an unknown field, top-level or nested, is named in the failure', () => {
    const r = Body.decode({ product_id: 'p', expires_at: 'x', seats: { machines: 3 } });
    if (E.isRight(r)) throw new Error('expected a failure');
    expect(problemsOf(r.left, 'body')).toEqual([
      { field: 'body.expires_at', problem: 'is not a known field (unknown fields are refused)' },
      {
        field: 'body.seats.machines',
        problem: 'is not a known field (unknown fields are refused)',
      },
    ]);
  });

  it('A1: unions are checked against the member that decodes; arrays item by item', () => {
    expect(unknownFields(Body, { product_id: 'p', owner: { kind: 'b', b: 1 } })).toEqual([]);
    expect(unknownFields(Body, { product_id: 'p', owner: { kind: 'b', b: 1, a: 2 } })).toEqual([
      ['owner', 'a'],
    ]);
    expect(
      unknownFields(Body, { product_id: 'p', tags: [{ name: 'x' }, { name: 'y', z: 1 }] }),
    ).toEqual([['tags', '1', 'z']]);
    expect(unknownFields(Body, JSON.parse('{"product_id":"p","__proto__":{"x":1}}'))).toEqual([
      ['__proto__'],
    ]);
  });

  it('A1: a well-formed body decodes to the same value', () => {
    const body = { product_id: 'p', seats: { max_machines: 2 }, note: null };
    expect(Body.decode(body)).toEqual(E.right(body));
    expect(Body.is(body)).toBe(true);
    expect(Body.is({ ...body, extra: 1 })).toBe(false);
  });
});
