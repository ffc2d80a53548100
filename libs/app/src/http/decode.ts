import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { closed, problemsOf, type FieldProblem } from '@lic/domain';
import { badRequest } from './api-error';

export type { FieldProblem };

/** Routes that take no body: one with any field in it is refused, not ignored. */
export const NoBody = closed(t.type({}, 'NoBody'));

/** Query parameters every endpoint accepts besides its own (see ReadYourWritesInterceptor). */
export const COMMON_QUERY_PARAMETERS: readonly string[] = ['after', 'access_token'];

const fail = (problems: readonly FieldProblem[]): never => {
  const first = problems[0];
  throw badRequest(first ? `${first.field} ${first.problem}` : 'the request is invalid', problems);
};

/**
 * Decodes one part of a request; a failure is a 400 naming each offending field and what it
 * must be (the bounded codecs are named after their limits: `body.days must be an integer
 * from 1 to 36525`; an unknown field: `body.expires_at is not a known field`).
 */
export const decodeOr400 = <A>(codec: t.Decoder<unknown, A>, value: unknown, where: string): A => {
  const result = codec.decode(value);
  return E.isRight(result) ? result.right : fail(problemsOf(result.left, where));
};

/**
 * Decodes a query string: each parameter at most once, none the endpoint does not know (a
 * typo is a 400 naming it rather than a silently ignored filter).
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
