import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '@lic/domain';
import type { RequestContext } from '../commands/request-context';

const CORRELATION = /^[A-Za-z0-9._:-]{1,128}$/;

declare module 'fastify' {
  interface FastifyRequest {
    correlationId: string;
  }
}

/**
 * Every request gets an id; its correlation id is the client's `X-Correlation-Id` when that
 * is well-formed, else the request id. Both go into the events' metadata and back out in the
 * response headers.
 */
export const registerRequestIds = (fastify: FastifyInstance): void => {
  fastify.decorateRequest('correlationId', '');
  fastify.addHook('onRequest', (request, reply, done) => {
    const given = request.headers['x-correlation-id'];
    request.correlationId =
      typeof given === 'string' && CORRELATION.test(given) ? given : request.id;
    void reply.header('x-request-id', request.id).header('x-correlation-id', request.correlationId);
    done();
  });
};

export const newRequestId = (): string => randomUUID();

export const contextOf = (request: FastifyRequest, actor: Actor): RequestContext => ({
  actor,
  correlationId: request.correlationId || request.id,
  requestId: request.id,
});
