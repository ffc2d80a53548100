import * as E from 'fp-ts/Either';
import type { FastifyReply } from 'fastify';
import type { Decided } from '@lic/command-pipeline';
import {
  isRefusal,
  rateLimitResetsAt,
  refusalMessage,
  type LicenseEvent,
  type LicenseState,
} from '@lic/domain';
import { ApiError } from '@lic/app';

/** The read-your-writes token: the global position of what the command appended. */
export const POSITION_HEADER = 'x-event-position';

export const withPosition = (
  reply: FastifyReply,
  decided: { readonly position: bigint | null },
) => {
  if (decided.position !== null) void reply.header(POSITION_HEADER, decided.position.toString());
};

/**
 * The events a successful decision recorded; otherwise the ApiError it amounts to: the
 * domain's error, or the recorded refusal (U2), with its stable code and seat figures.
 */
export const accepted = (
  decided: Decided<LicenseEvent, LicenseState>,
  reply: FastifyReply,
): readonly LicenseEvent[] => {
  withPosition(reply, decided);
  if (E.isLeft(decided.outcome)) {
    const { code, message, details } = decided.outcome.left;
    throw new ApiError(code, message, details, retryAfter(code, decided));
  }
  const refusal = decided.outcome.right.find(isRefusal);
  if (refusal) {
    const { reason, ...data } = refusal.data;
    const details = 'seats' in data ? { seats: data.seats } : undefined;
    throw new ApiError(reason, refusalMessage(reason), details, retryAfter(reason, decided));
  }
  return decided.outcome.right;
};

const retryAfter = (
  code: string,
  decided: Decided<LicenseEvent, LicenseState>,
): Record<string, string> => {
  if (code !== 'RATE_LIMITED' || decided.state.kind !== 'issued') return {};
  const ms = rateLimitResetsAt(decided.state, decided.decidedAt) - decided.decidedAt;
  return { 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))) };
};

/** Any decision's events, or the ApiError its domain error amounts to. */
export const acceptedAny = <Ev>(
  decided: {
    readonly outcome: E.Either<{ code: string; message: string }, readonly Ev[]>;
    readonly position: bigint | null;
  },
  reply: FastifyReply,
): readonly Ev[] => {
  withPosition(reply, decided);
  if (E.isLeft(decided.outcome)) {
    throw new ApiError(decided.outcome.left.code, decided.outcome.left.message);
  }
  return decided.outcome.right;
};
