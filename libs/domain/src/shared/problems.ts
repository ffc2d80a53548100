import * as t from 'io-ts';
import { ClosedType } from './closed';

/** A union or intersection, possibly wrapped (closed, refined): its keys are member indexes. */
const isCombinator = (type: t.Decoder<unknown, unknown> | undefined): boolean => {
  let c: unknown = type;
  while (c instanceof ClosedType || c instanceof t.RefinementType || c instanceof t.ExactType) {
    c = (c as { type: unknown }).type;
  }
  return c instanceof t.UnionType || c instanceof t.IntersectionType;
};

/** One thing wrong with an input: where (`body.policy.offlineDays.active`) and what. */
export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

/**
 * io-ts errors as `field: problem` pairs a client can act on. The problem names the limit the
 * codec checks (`must be an integer from 1 to 36525`), since bounded codecs are named after
 * their limits.
 */
export const problemsOf = (errors: t.Errors, where: string): FieldProblem[] => {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const path: string[] = [];
    e.context.forEach((entry, i) => {
      const parent = e.context[i - 1]?.type;
      // The root has no key; inside a union or intersection the key is a member index.
      // A step with an empty key (see ClosedType) names no field.
      if (i === 0 || entry.key === '' || isCombinator(parent)) return;
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

/** The first problem as one sentence, e.g. `policy.durationDays must be an integer …`. */
export const firstProblem = (errors: t.Errors, where: string): string => {
  const first = problemsOf(errors, where)[0];
  return first ? `${first.field} ${first.problem}` : `${where} is invalid`;
};
