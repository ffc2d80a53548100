import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { badRequest } from './api-error';

export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

/** io-ts errors as `field: problem` pairs a client can act on. */
export const problemsOf = (errors: t.Errors, where: string): FieldProblem[] => {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const path: string[] = [];
    e.context.forEach((entry, i) => {
      const parent = e.context[i - 1]?.type;
      // The root has no key; inside a union or intersection the key is a member index.
      if (i === 0 || parent instanceof t.UnionType || parent instanceof t.IntersectionType) return;
      path.push(entry.key);
    });
    const field = [where, ...path].join('.');
    const expected = e.context.at(-1)?.type.name ?? 'a valid value';
    const problem =
      e.message ?? (e.value === undefined ? `is required (${expected})` : `must be ${expected}`);
    const key = `${field}|${problem}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ field, problem });
    }
  }
  return out;
};

/** Decodes one part of a request; a failure is a 400 naming each offending field. */
export const decodeOr400 = <A>(codec: t.Decoder<unknown, A>, value: unknown, where: string): A => {
  const result = codec.decode(value);
  if (E.isRight(result)) return result.right;
  const problems = problemsOf(result.left, where);
  const first = problems[0];
  throw badRequest(first ? `${first.field} ${first.problem}` : `${where} is invalid`, problems);
};
