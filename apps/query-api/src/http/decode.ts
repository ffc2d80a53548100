import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { badRequest } from './api-error';

export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

/** Query parameters every endpoint accepts besides its own (see ReadYourWritesInterceptor). */
export const COMMON_QUERY_PARAMETERS: readonly string[] = ['after', 'access_token'];

const problemsOf = (errors: t.Errors, where: string): FieldProblem[] => {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const path = e.context
      .filter((_entry, i) => {
        const parent = e.context[i - 1]?.type;
        return i > 0 && !(parent instanceof t.UnionType) && !(parent instanceof t.IntersectionType);
      })
      .map((entry) => entry.key);
    const field = [where, ...path].join('.');
    const expected = e.context.at(-1)?.type.name ?? 'a valid value';
    const problem =
      e.message ?? (e.value === undefined ? `is required (${expected})` : `must be ${expected}`);
    if (!seen.has(`${field}|${problem}`)) {
      seen.add(`${field}|${problem}`);
      out.push({ field, problem });
    }
  }
  return out;
};

const fail = (problems: readonly FieldProblem[]): never => {
  const first = problems[0];
  throw badRequest(first ? `${first.field} ${first.problem}` : 'the request is invalid', problems);
};

/** Decodes one part of a request; a failure is a 400 naming each offending field. */
export const decodeOr400 = <A>(codec: t.Decoder<unknown, A>, value: unknown, where: string): A => {
  const result = codec.decode(value);
  return E.isRight(result) ? result.right : fail(problemsOf(result.left, where));
};

/**
 * Decodes a query string: each parameter at most once, none the endpoint does not know (a
 * typo is a 400 rather than a silently ignored filter).
 */
export const decodeQuery = <A>(
  codec: t.Decoder<unknown, A>,
  known: readonly string[],
  query: unknown,
): A => {
  const raw = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) problems.push({ field: `query.${name}`, problem: 'is repeated' });
    else if (!known.includes(name) && !COMMON_QUERY_PARAMETERS.includes(name)) {
      problems.push({ field: `query.${name}`, problem: 'is not a parameter of this endpoint' });
    }
  }
  if (problems.length > 0) fail(problems);
  return decodeOr400(codec, raw, 'query');
};
