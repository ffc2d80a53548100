import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { firstProblem } from './problems';

/** A stored event as its type name and data: what an upcaster reads and writes. */
export interface StoredShape {
  readonly type: string;
  readonly data: unknown;
}

/**
 * One step of an event's history: how an event of an older type (`from`, a codec named after
 * that type and kept for this) reads as the next version. Pure: no clock, no I/O, no lookup —
 * a stored event upcasts the same way on every replay, years later (A3).
 */
export interface Upcaster {
  readonly from: string;
  /** Decodes the older event and returns it in the next version's shape. */
  readonly up: (stored: StoredShape) => E.Either<string, StoredShape>;
}

/** An upcaster from an older event's codec to the next version's event. */
export const upcaster = <Old extends StoredShape, Next extends StoredShape>(
  from: t.Type<Old, unknown, unknown>,
  up: (old: Old) => Next,
): Upcaster => ({
  from: from.name,
  up: (stored) => {
    const decoded = from.decode(stored);
    return E.isRight(decoded)
      ? E.right(up(decoded.right))
      : E.left(`${stored.type} does not decode: ${firstProblem(decoded.left, 'event')}`);
  },
});

/** Upcasters by the type they read; at most one per type (a version has one successor). */
export type Upcasters = ReadonlyMap<string, Upcaster>;

export const upcasters = (...steps: readonly Upcaster[]): Upcasters => {
  const byType = new Map<string, Upcaster>();
  for (const step of steps) {
    if (byType.has(step.from)) throw new Error(`two upcasters read ${step.from}`);
    byType.set(step.from, step);
  }
  return byType;
};

/**
 * A stored event in its current version: the upcasters applied in order (v1 → v2 → v3 ...)
 * until none reads its type. A type no upcaster reads is returned as stored; a step whose
 * older event does not decode is a Left naming it. A cycle of upcasters is a defect: refused.
 */
export const upcast = (steps: Upcasters, stored: StoredShape): E.Either<string, StoredShape> => {
  let current = stored;
  const seen = new Set<string>();
  for (let step = steps.get(current.type); step !== undefined; step = steps.get(current.type)) {
    if (seen.has(current.type)) return E.left(`upcasters loop at ${current.type}`);
    seen.add(current.type);
    const next = step.up(current);
    if (E.isLeft(next)) return next;
    current = next.right;
  }
  return E.right(current);
};
