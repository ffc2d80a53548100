import * as t from 'io-ts';
import * as E from 'fp-ts/Either';

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/** A codec wrapped in another: refinements, readonly, exact, closed. */
const innerOf = (codec: t.Mixed): t.Mixed | null =>
  codec instanceof t.RefinementType ||
  codec instanceof t.ReadonlyType ||
  codec instanceof t.ExactType ||
  codec instanceof ClosedType
    ? (codec.type as t.Mixed)
    : null;

/** The member of a union that `value` decodes with (the one with fewest unknown fields). */
const memberFor = (union: t.UnionType<t.Mixed[]>, value: unknown): t.Mixed | null => {
  const matching = union.types.filter((m) => E.isRight(m.decode(value)));
  let best: t.Mixed | null = null;
  let fewest = Infinity;
  for (const m of matching) {
    const n = unknownFields(m, value).length;
    if (n < fewest) [best, fewest] = [m, n];
  }
  return best;
};

/** The props an object codec declares, one set per intersected part; null if not an object. */
const propsOf = (codec: t.Mixed, value: unknown): t.Props[] | null => {
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType) {
    return [codec.props as t.Props];
  }
  if (codec instanceof t.UnionType) {
    const member = memberFor(codec as t.UnionType<t.Mixed[]>, value);
    return member === null ? null : propsOf(member, value);
  }
  if (codec instanceof t.IntersectionType) {
    const parts = (codec.types as t.Mixed[]).map((m) => propsOf(m, value));
    return parts.some((p) => p === null) ? null : parts.flatMap((p) => p ?? []);
  }
  const inner = innerOf(codec);
  return inner === null ? null : propsOf(inner, value);
};

/**
 * The paths of every field in `value` that `codec` does not declare, at any depth (objects,
 * arrays, records, unions by the member that decodes). io-ts ignores such fields; a request
 * that carries one believes it set something it did not, so closed codecs refuse them.
 */
export const unknownFields = (codec: t.Mixed, value: unknown, path: string[] = []): string[][] => {
  const out: string[][] = [];
  if (Array.isArray(value)) {
    let c: t.Mixed | null = codec;
    while (c !== null && !(c instanceof t.ArrayType || c instanceof t.ReadonlyArrayType)) {
      c = c instanceof t.UnionType ? memberFor(c as t.UnionType<t.Mixed[]>, value) : innerOf(c);
    }
    if (c !== null) {
      const item = c.type as t.Mixed;
      value.forEach((v, i) => out.push(...unknownFields(item, v, [...path, String(i)])));
    }
    return out;
  }
  if (!isRecord(value)) return out;
  const parts = propsOf(codec, value);
  if (parts === null) return out;
  const known = new Set(parts.flatMap((p) => Object.keys(p)));
  for (const key of Object.keys(value)) if (!known.has(key)) out.push([...path, key]);
  for (const props of parts) {
    for (const [key, field] of Object.entries(props)) {
      if (value[key] !== undefined) out.push(...unknownFields(field, value[key], [...path, key]));
    }
  }
  return out;
};

/** A codec that refuses unknown fields; see `closed`. */
export class ClosedType<C extends t.Mixed> extends t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown> {
  readonly _tag = 'ClosedType' as const;
  constructor(readonly type: C) {
    super(
      type.name,
      (u): u is t.TypeOf<C> => type.is(u) && unknownFields(type, u).length === 0,
      (u, c) => {
        const decoded = type.validate(u, c);
        if (E.isLeft(decoded)) return decoded;
        const extra = unknownFields(type, u);
        if (extra.length === 0) return decoded;
        return t.failures(
          extra.map((path) => ({
            value: undefined,
            // The path below this codec, after a step with an empty key (error reports leave
            // it out, as they leave out a union's member index).
            context: [
              ...c,
              { key: '', type: t.unknown, actual: u },
              ...path.map((key) => ({ key, type: t.unknown, actual: undefined })),
            ],
            message: 'is not a known field (unknown fields are refused)',
          })),
        );
      },
      type.encode,
    );
  }
}

/** `codec`, refusing every field it does not declare, at any depth. */
export const closed = <C extends t.Mixed>(codec: C): ClosedType<C> => new ClosedType(codec);
