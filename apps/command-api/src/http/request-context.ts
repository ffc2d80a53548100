import type { FastifyRequest } from 'fastify';
import type { Actor } from '@lic/domain';
import type { RequestContext } from '../commands/request-context';

/**
 * The request's ids (see registerCorrelationIds in libs/observability) as the context of a
 * command: they become the events' correlation and causation ids.
 */
export const contextOf = (request: FastifyRequest, actor: Actor): RequestContext => ({
  actor,
  correlationId: request.correlationId || request.id,
  requestId: request.id,
});
