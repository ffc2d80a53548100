import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { requestLogger } from './lazy-child-logger';

type ChildLoggerFactory = NonNullable<FastifyServerOptions['childLoggerFactory']>;

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
export const correlationChildLoggerFactory: ChildLoggerFactory = function (
  logger,
  bindings,
  options,
  raw,
) {
  const requestId = String((bindings as Record<string, unknown>).requestId ?? '');
  return requestLogger(
    logger,
    { ...bindings, correlationId: correlationIdOf(raw.headers, requestId) },
    options,
  );
};

/**
 * Every request gets an id and a correlation id (the client's, or the request id): both are
 * on every log line of the request and go back out in the response headers. The same
 * mechanism as the command API's (apps/command-api/src/http/request-context.ts).
 */
export const registerCorrelationIds = (fastify: FastifyInstance): void => {
  fastify.decorateRequest('correlationId', '');
  fastify.addHook('onRequest', (request, reply, done) => {
    request.correlationId = correlationIdOf(request.headers, request.id);
    void reply.header('x-request-id', request.id).header('x-correlation-id', request.correlationId);
    done();
  });
};

export const newRequestId = (): string => randomUUID();

/** Probes and scrapes: answered many times a minute, not worth two log lines each. */
export const isOperationalRoute = (url: string): boolean =>
  /^\/(health(\/|\?|$)|metrics(\?|$))/.test(url);

/**
 * Fastify options that log through `logger` with request and correlation ids, one line when a
 * request comes in and one when it is answered — except for probes and scrapes.
 */
export const correlatedFastifyLogging = (logger: FastifyServerOptions['loggerInstance']) => ({
  genReqId: newRequestId,
  loggerInstance: logger,
  logController: new LogController({
    requestIdLogLabel: 'requestId',
    disableRequestLogging: (request: { url?: string }) => isOperationalRoute(request.url ?? ''),
  }),
  childLoggerFactory: correlationChildLoggerFactory,
});
