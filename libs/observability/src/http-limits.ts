import { createHash, timingSafeEqual } from 'node:crypto';

/** How long a client may take, and how long an idle connection stays open (libs/config). */
export interface HttpLimits {
  readonly HTTP_HEADERS_TIMEOUT_MS: number;
  readonly HTTP_REQUEST_TIMEOUT_MS: number;
  readonly HTTP_KEEP_ALIVE_TIMEOUT_MS: number;
  readonly HTTP_IDLE_TIMEOUT_MS: number;
}

/**
 * Fastify server options that close slow and idle connections: headers not complete within
 * HTTP_HEADERS_TIMEOUT_MS (408), a request (headers and body) not complete within
 * HTTP_REQUEST_TIMEOUT_MS (408), a keep-alive connection idle for HTTP_KEEP_ALIVE_TIMEOUT_MS,
 * and any connection on which nothing moves for HTTP_IDLE_TIMEOUT_MS. Node checks the first
 * two every `connectionsCheckingInterval` (30 s by default): here at most every second.
 */
export const httpServerOptions = (limits: HttpLimits) => {
  const requestTimeout = limits.HTTP_REQUEST_TIMEOUT_MS;
  const headersTimeout = Math.min(limits.HTTP_HEADERS_TIMEOUT_MS, requestTimeout);
  return {
    connectionTimeout: limits.HTTP_IDLE_TIMEOUT_MS,
    keepAliveTimeout: limits.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    requestTimeout,
    http: {
      headersTimeout,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4))),
    },
  };
};

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Whether a scrape may read /metrics: always when no METRICS_TOKEN is configured, else only
 * with `Authorization: Bearer <token>` (compared in constant time).
 */
export const metricsAllowed = (
  authorization: string | undefined,
  token: string | undefined,
): boolean => {
  if (token === undefined) return true;
  const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
};
