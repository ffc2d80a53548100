import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ConcurrencyConflictError, UnrecordableEventError } from '@lic/command-pipeline';
import { GLOSSARY_PATH, glossaryIds } from '@lic/openapi';
import { EventStoreUnavailableError } from '@lic/event-store';
import { ApiError } from './api-error';
import { statusOf } from './status';

/** Framework errors (routing, body parsing) by HTTP status, in our vocabulary. */
const frameworkCode = (status: number): string =>
  ({
    400: 'BAD_REQUEST',
    401: 'UNAUTHORIZED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
  })[status] ?? (status < 500 ? 'BAD_REQUEST' : 'INTERNAL');

export interface ErrorPolicyOptions {
  /** Where the glossary is served: each code it explains gets a `help` link. Null: none. */
  readonly glossaryAt: string | null;
  /** What a client does when the store did not answer (a command: retry with the same key). */
  readonly retryHint: string;
}

/**
 * The only place an error becomes a response, in both APIs:
 * `{ "error": { code, message, details?, help? } }`, `help` (and a `Link: <…>; rel="help"`
 * header) pointing at the code's glossary entry. Unknown errors are logged with their stack
 * and answered with a bare 500 — no stack trace, no internal message ever reaches a client.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(private readonly options: ErrorPolicyOptions) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent || reply.raw.headersSent) {
      // A streamed answer failed half-way: all that can be done is to cut it short.
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      reply.raw.destroy();
      return;
    }
    const { code, message, details, headers } = this.describe(error);
    const status =
      error instanceof HttpException && !(error instanceof ApiError)
        ? error.getStatus()
        : statusOf(code);
    for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
    const glossary = this.options.glossaryAt;
    const help =
      glossary !== null && glossaryIds.has(code)
        ? `${glossary}${GLOSSARY_PATH}#${code}`
        : undefined;
    if (help) void reply.header('link', `<${help}>; rel="help"`);
    void reply
      .status(status)
      .type('application/json; charset=utf-8')
      .send(
        JSON.stringify({
          error: {
            code,
            message,
            ...(details === undefined ? {} : { details }),
            ...(help === undefined ? {} : { help }),
          },
        }),
      );
  }

  private describe(error: unknown): {
    code: string;
    message: string;
    details?: unknown;
    headers: Readonly<Record<string, string>>;
  } {
    if (error instanceof ApiError) {
      return {
        code: error.code,
        message: error.message,
        details: error.details,
        headers: error.headers,
      };
    }
    if (error instanceof ConcurrencyConflictError) {
      return {
        code: 'CONCURRENT_CONFLICT',
        message: 'the license changed concurrently; retry',
        headers: {},
      };
    }
    if (error instanceof EventStoreUnavailableError) {
      // The store did not answer in time: whether an append happened is unknown, so the
      // client retries with the same Idempotency-Key (a replay if it was written).
      this.logger.warn(error.message);
      return {
        code: 'UNAVAILABLE',
        message: `the event store is unavailable; ${this.options.retryHint}`,
        headers: { 'retry-after': String(error.retryAfterSeconds) },
      };
    }
    if (error instanceof UnrecordableEventError) {
      // A defect (a bound missing at the edge): the log names the command; nothing was stored.
      this.logger.error(error.message);
      return {
        code: 'INTERNAL',
        message: 'the decision was not recorded: one of its events would not read back',
        headers: {},
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const message =
        status === 404
          ? 'no such route'
          : status === 400
            ? 'the request could not be read'
            : status < 500
              ? error.message
              : 'error';
      return { code: frameworkCode(status), message, headers: {} };
    }
    if (isFastifyClientError(error)) {
      return { code: frameworkCode(error.statusCode), message: error.message, headers: {} };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { code: 'INTERNAL', message: 'internal error', headers: {} };
  }
}

/** Fastify's own 4xx errors (malformed JSON, wrong content type, body too large). */
const isFastifyClientError = (e: unknown): e is { statusCode: number; message: string } =>
  typeof e === 'object' &&
  e !== null &&
  'statusCode' in e &&
  typeof (e as { statusCode: unknown }).statusCode === 'number' &&
  (e as { statusCode: number }).statusCode >= 400 &&
  (e as { statusCode: number }).statusCode < 500;
