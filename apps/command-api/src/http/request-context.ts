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

/** A client's request: the license its key authenticated is the actor. */
export const licenseContext = (request: FastifyRequest, licenseId: string): RequestContext =>
  contextOf(request, { kind: 'license', id: licenseId });

/** An operator's request: the admin token's subject is the actor. */
export const adminContext = (request: FastifyRequest, subject: string): RequestContext =>
  contextOf(request, { kind: 'admin', id: subject });
