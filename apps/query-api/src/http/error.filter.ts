import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { EventStoreUnavailableError } from '@lic/event-store';
import { ApiError } from './api-error';
import { statusOf } from './status';

const frameworkCode = (status: number): string =>
  ({
    400: 'BAD_REQUEST',
    401: 'UNAUTHORIZED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
  })[status] ?? (status < 500 ? 'BAD_REQUEST' : 'INTERNAL');

/**
 * Every error becomes `{ "error": { code, message, details? } }`. Unknown errors are logged
 * with their stack and answered with a bare 500: no stack trace ever reaches a client.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('query-api');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent || reply.raw.headersSent) {
      // A streamed answer failed half-way: all that can be done is to cut it short.
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      reply.raw.destroy();
      return;
    }
    const { status, code, message, details, headers } = this.describe(error);
    for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
    void reply
      .status(status)
      .type('application/json; charset=utf-8')
      .send(
        JSON.stringify({
          error: details === undefined ? { code, message } : { code, message, details },
        }),
      );
  }

  private describe(error: unknown) {
    if (error instanceof ApiError) {
      return {
        status: statusOf(error.code),
        code: error.code,
        message: error.message,
        details: error.details,
        headers: error.headers,
      };
    }
    if (error instanceof EventStoreUnavailableError) {
      this.logger.warn(error.message);
      return {
        status: 503,
        code: 'UNAVAILABLE',
        message: 'the event store is unavailable; retry',
        details: undefined,
        headers: { 'retry-after': String(error.retryAfterSeconds) },
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const message = status === 404 ? 'no such route' : status < 500 ? error.message : 'error';
      return { status, code: frameworkCode(status), message, details: undefined, headers: {} };
    }
    if (isClientError(error)) {
      return {
        status: error.statusCode,
        code: frameworkCode(error.statusCode),
        message: error.message,
        details: undefined,
        headers: {},
      };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return {
      status: 500,
      code: 'INTERNAL',
      message: 'internal error',
      details: undefined,
      headers: {},
    };
  }
}

/** Fastify's own 4xx errors (e.g. a malformed query string). */
const isClientError = (e: unknown): e is { statusCode: number; message: string } =>
  typeof e === 'object' &&
  e !== null &&
  'statusCode' in e &&
  typeof e.statusCode === 'number' &&
  e.statusCode >= 400 &&
  e.statusCode < 500 &&
  'message' in e &&
  typeof e.message === 'string';
