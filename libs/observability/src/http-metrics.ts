import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics';

/**
 * Observes every answered request in `http_request_duration_seconds`, labelled with the
 * route's template (`/query/v1/licenses/:licenseId`, never the raw URL, so the label set stays
 * bounded; `unmatched` for 404s), the method and the status code.
 */
export const registerHttpMetrics = (fastify: FastifyInstance, metrics: Metrics): void => {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpRequestSeconds.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
};
