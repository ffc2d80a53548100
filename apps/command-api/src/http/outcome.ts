import * as E from 'fp-ts/Either';
import type { FastifyReply } from 'fastify';
import { ApiError } from '@lic/app';
import type { Accepted, Refusal, Result } from '../commands/license-use-case';

/** The read-your-writes token: the global position of what the command appended. */
export const POSITION_HEADER = 'x-event-position';

const withPosition = (reply: FastifyReply, { position }: { position: bigint | null }) => {
  if (position !== null) void reply.header(POSITION_HEADER, position.toString());
};

/** A typed refusal as the one error policy answers it (status by code, Retry-After). */
const refusalError = (r: Refusal): ApiError =>
  new ApiError(
    r.code,
    r.message,
    r.details,
    r.retryAfterSeconds === undefined ? {} : { 'retry-after': String(r.retryAfterSeconds) },
  );

/**
 * An operation's typed answer, with its position on the reply (X-Event-Position); a refusal
 * becomes the ApiError the error filter answers (a recorded one keeps its position too).
 */
export const accepted = async <A>(
  executed: Promise<Result<A>>,
  reply: FastifyReply,
): Promise<A & Accepted> => {
  const result = await executed;
  withPosition(reply, E.isLeft(result) ? result.left : result.right);
  if (E.isLeft(result)) throw refusalError(result.left);
  return result.right;
};
