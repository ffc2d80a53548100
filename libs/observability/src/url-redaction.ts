/** Query parameters that carry a credential (the dashboard's ?access_token=, for one). */
const SECRET_PARAMS = /([?&](?:access_token|token|license_key|licenseKey|key)=)[^&#]*/gi;

/** The URL with the values of credential-carrying query parameters replaced. */
export const redactUrl = (url: string): string => url.replace(SECRET_PARAMS, '$1[redacted]');

interface LoggedRequest {
  readonly method?: string;
  readonly url?: string;
  readonly host?: string;
  readonly ip?: string;
  readonly socket?: { readonly remotePort?: number };
}

/**
 * Fastify's request serializer, with credentials in the query string redacted: a token in a
 * URL would otherwise reach the "incoming request" log line.
 */
export const requestSerializer = (req: LoggedRequest) => ({
  method: req.method,
  url: req.url === undefined ? undefined : redactUrl(req.url),
  host: req.host,
  remoteAddress: req.ip,
  remotePort: req.socket?.remotePort,
});
