import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { closed, problemsOf, type FieldProblem } from '@lic/domain';
import { badRequest } from './api-error';

export type { FieldProblem };

/** Routes that take no body: one with any field in it is refused, not ignored. */
export const NoBody = closed(t.type({}, 'NoBody'));

/**
 * Decodes one part of a request; a failure is a 400 naming each offending field and what it
 * must be (the bounded codecs are named after their limits: `body.days must be an integer
 * from 1 to 36525`; an unknown field: `body.expires_at is not a known field`).
 */
export const decodeOr400 = <A>(codec: t.Decoder<unknown, A>, value: unknown, where: string): A => {
  const result = codec.decode(value);
  if (E.isRight(result)) return result.right;
  const problems = problemsOf(result.left, where);
  const first = problems[0];
  throw badRequest(first ? `${first.field} ${first.problem}` : `${where} is invalid`, problems);
};
