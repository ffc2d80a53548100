import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as t from 'io-ts';
import type { Observable } from 'rxjs';
import { ApiError, PLAIN_ROUTE, decodeOr400 } from '@lic/app';
import { PositionParam } from '../http/query-codecs';
import { QUERY_API_SETTINGS } from '../infrastructure/tokens';
import type { QueryApiSettings } from '../query-api.settings';
import { CheckpointWatcher } from './checkpoint-watcher';

export const READ_MODEL_POSITION_HEADER = 'x-read-model-position';
const After = t.partial({ after: PositionParam });

/**
 * Read-your-writes: `?after=<position>` (the X-Event-Position the command API answered with)
 * holds the request until the projector's checkpoint has passed that position. If it has not
 * within READ_YOUR_WRITES_TIMEOUT_MS the answer is 504 READ_MODEL_BEHIND (with Retry-After),
 * never a stale 200. Every answer says how far the read models go (X-Read-Model-Position),
 * except the operational routes (@PlainRoute: probes, metrics).
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    private readonly watcher: CheckpointWatcher,
    @Inject(QUERY_API_SETTINGS) private readonly settings: QueryApiSettings,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PLAIN_ROUTE, targets)) {
      return next.handle();
    }
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { after } = decodeOr400(
      After,
      { after: (request.query as Record<string, unknown>)['after'] },
      'query',
    );
    const timeoutMs = this.settings.readYourWritesTimeoutMs;
    const checkpoint =
      after === undefined
        ? await this.watcher.current()
        : await this.watcher.waitFor(after, timeoutMs);
    if (checkpoint === null) {
      const now = await this.watcher.current();
      throw new ApiError(
        'READ_MODEL_BEHIND',
        `the read models have not reached position ${after} within ${timeoutMs} ms; retry`,
        {
          after: String(after),
          checkpoint: now.position === null ? null : now.position.toString(10),
          waited_ms: timeoutMs,
        },
        { 'retry-after': '1' },
      );
    }
    if (checkpoint.position !== null) {
      void reply.header(READ_MODEL_POSITION_HEADER, checkpoint.position.toString(10));
    }
    return next.handle();
  }
}
