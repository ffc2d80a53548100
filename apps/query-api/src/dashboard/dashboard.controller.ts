import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllowQueryToken, Roles } from '../auth/roles.decorator';
import { DASHBOARD_HTML } from './dashboard-page';
import { DashboardFeed } from './dashboard-feed';
import { DashboardStreams } from './dashboard-streams';

/**
 * The seat dashboard (A2): a page, and the server-sent events it renders. Both take the
 * access token as ?access_token= because EventSource cannot send an Authorization header.
 */
@Controller()
@Roles('admin')
@AllowQueryToken()
export class DashboardController {
  constructor(
    private readonly feed: DashboardFeed,
    private readonly streams: DashboardStreams,
  ) {}

  @Get('dashboard')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  page(): string {
    return DASHBOARD_HTML;
  }

  /** `event: snapshot` with live occupancy and recent refusals (see DashboardFeed). */
  @Get('query/v1/dashboard/stream')
  stream(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write('retry: 2000\n\n');
    const unsubscribe = this.feed.subscribe((message) => response.write(message));
    this.streams.add(response, unsubscribe);
    request.raw.on('close', () => {
      unsubscribe();
      this.streams.remove(response);
    });
  }
}
