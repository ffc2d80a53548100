import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as t from 'io-ts';
import type { AccessTokenVerifier } from '../auth/access-token-verifier';
import { AllowQueryToken, Roles } from '../auth/roles.decorator';
import { ApiError, notFound, decodeOr400 } from '@lic/app';
import { ACCESS_TOKEN_VERIFIER } from '../infrastructure/tokens';
import { DASHBOARD_ASSETS } from './dashboard-assets';
import { DashboardFeed } from './dashboard-feed';
import { DashboardStreams } from './dashboard-streams';
import { APP_HTML, LOGIN_HTML } from './client/app-page';
import { SESSION_COOKIE, cookieValue, sessionCookie } from './session-cookie';

const SessionBody = t.type({
  token: t.refinement(t.string, (s) => s.length > 0 && s.length < 8192, 'an access token'),
});
const html = (reply: FastifyReply, body: string) =>
  reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header(
      'content-security-policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
    )
    .send(body);
const isHttps = (request: FastifyRequest) => request.protocol === 'https';

/**
 * The seat dashboard (A2). A browser signs in once with an admin token (the login page, or
 * /dashboard?access_token= as printed by npm start); the token is then kept in an HttpOnly,
 * SameSite=Strict cookie, so a reload or a bookmark opens the dashboard again — and without a
 * valid session the browser is sent to the login page, never shown a JSON error.
 */
@Controller()
export class DashboardController {
  constructor(
    private readonly feed: DashboardFeed,
    private readonly streams: DashboardStreams,
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
  ) {}

  @Get('dashboard')
  async page(@Req() request: FastifyRequest, @Query() query: unknown, @Res() reply: FastifyReply) {
    const raw = (typeof query === 'object' && query !== null ? query : {}) as Record<
      string,
      unknown
    >;
    const given = typeof raw['access_token'] === 'string' ? raw['access_token'] : null;
    const token = given ?? cookieValue(request.headers.cookie, SESSION_COOKIE);
    const verdict = token === null ? 'none' : await this.admin(token);
    if (verdict !== 'ok') {
      const reason =
        verdict === 'forbidden'
          ? '?reason=forbidden'
          : verdict === 'invalid'
            ? '?reason=expired'
            : '';
      return reply
        .header('set-cookie', sessionCookie(null, isHttps(request)))
        .redirect(`/dashboard/login${reason}`, 303);
    }
    if (given !== null) {
      // Keep the token in the cookie and take it out of the address bar (and the history).
      return reply
        .header('set-cookie', sessionCookie(given, isHttps(request)))
        .redirect('/dashboard', 303);
    }
    return html(reply, APP_HTML);
  }

  @Get('dashboard/login')
  login(@Res() reply: FastifyReply) {
    return html(reply, LOGIN_HTML);
  }

  /** Signs in: `{"token": "<admin access token>"}` → 204 and the session cookie. */
  @Post('dashboard/session')
  @HttpCode(204)
  async signIn(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { token } = decodeOr400(SessionBody, body, 'body');
    const verdict = await this.admin(token);
    if (verdict === 'invalid')
      throw new ApiError(
        'INVALID_TOKEN',
        'that token is not valid (expired, or not signed by this server)',
      );
    if (verdict === 'forbidden') throw new ApiError('FORBIDDEN', 'that token has no admin role');
    void reply.header('set-cookie', sessionCookie(token, isHttps(request)));
  }

  @Delete('dashboard/session')
  @HttpCode(204)
  signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.header('set-cookie', sessionCookie(null, isHttps(request)));
  }

  /** The page's script and styles, and uPlot's (served from node_modules). No data in them. */
  @Get('dashboard/assets/:name')
  asset(@Param('name') name: string, @Res() reply: FastifyReply) {
    const asset = DASHBOARD_ASSETS[name];
    if (asset === undefined) throw notFound('no such asset');
    return reply
      .header('content-type', asset.type)
      .header('cache-control', 'no-cache')
      .send(asset.body());
  }

  /** `event: snapshot` with live occupancy, totals, refusals and expiries (see DashboardFeed). */
  @Get('query/v1/dashboard/stream')
  @Roles('admin')
  @AllowQueryToken()
  @Header('cache-control', 'no-store')
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

  private async admin(token: string): Promise<'ok' | 'invalid' | 'forbidden'> {
    const verified = await this.verifier.verify(token);
    if (verified.kind === 'invalid') return 'invalid';
    return verified.principal.roles.includes('admin') ? 'ok' : 'forbidden';
  }
}
