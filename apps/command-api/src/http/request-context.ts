import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';

type ChildLoggerFactory = NonNullable<FastifyServerOptions['childLoggerFactory']>;
import type { Actor } from '@lic/domain';
import type { RequestContext } from '../commands/request-context';

const CORRELATION = /^[A-Za-z0-9._:-]{1,128}$/;

declare module 'fastify' {
  interface FastifyRequest {
    correlationId: string;
  }
}

/** The client's `X-Correlation-Id` when it is well-formed, else the request id. */
export const correlationIdOf = (headers: IncomingHttpHeaders, requestId: string): string => {
  const given = headers['x-correlation-id'];
  return typeof given === 'string' && CORRELATION.test(given) ? given : requestId;
};

/** Fastify's per-request logger, bound to the correlation id from the first log line on. */
export const childLoggerFactory: ChildLoggerFactory = function (logger, bindings, options, raw) {
  const requestId = String((bindings as Record<string, unknown>).requestId ?? '');
  return logger.child(
    { ...bindings, correlationId: correlationIdOf(raw.headers, requestId) },
    options,
  );
};

/**
 * Every request gets an id and a correlation id. Both go into the events' metadata, into every
 * log line of the request, and back out in the response headers.
 */
export const registerRequestIds = (fastify: FastifyInstance): void => {
  fastify.decorateRequest('correlationId', '');
  fastify.addHook('onRequest', (request, reply, done) => {
    request.correlationId = correlationIdOf(request.headers, request.id);
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
