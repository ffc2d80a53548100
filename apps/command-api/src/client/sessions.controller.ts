import { Body, Controller, Delete, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NoBody, decodeOr400 } from '@lic/app';
import { Authenticator } from '../auth/authenticator';
import { CloseSessionCommand } from '../commands/sessions/close-session.command';
import { OpenSessionCommand } from '../commands/sessions/open-session.command';
import { RecordSessionActivityCommand } from '../commands/sessions/record-session-activity.command';
import { accepted } from '../http/outcome';
import { licenseContext } from '../http/request-context';
import { ActivityBody, OpenSessionBody, SessionIdParam } from './client.requests';

/** Seed 000's sessions: a session occupies a slot; a credential alone does not (S1–S6). */
@Controller('api/v1/sessions')
export class SessionsController {
  constructor(
    private readonly auth: Authenticator,
    private readonly commands: CommandBus,
  ) {}

  @Post()
  @HttpCode(201)
  async open(
    @Headers('authorization') authorization: string | undefined,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { licenseId } = await this.auth.license(authorization);
    const body = decodeOr400(OpenSessionBody, raw, 'body');
    const command = new OpenSessionCommand(
      { licenseId, ...body },
      licenseContext(request, licenseId),
    );
    const opened = await accepted(this.commands.execute(command), reply);
    return {
      session_id: opened.sessionId,
      license_id: licenseId,
      username: opened.username,
      kind: opened.kind,
      pool: opened.pool,
      expires_at: opened.expiresAt,
      hard_expires_at: opened.hardExpiresAt,
    };
  }

  @Post(':id/activity')
  @HttpCode(200)
  async activity(
    @Headers('authorization') authorization: string | undefined,
    @Param() params: unknown,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { licenseId } = await this.auth.license(authorization);
    const { id } = decodeOr400(SessionIdParam, params, 'path');
    const body = decodeOr400(ActivityBody, raw ?? {}, 'body');
    const input = {
      licenseId,
      sessionId: id,
      username: body.username ?? null,
      onBehalfOf: body.on_behalf_of ?? null,
    };
    const context = licenseContext(request, licenseId);
    const out = await accepted(
      this.commands.execute(new RecordSessionActivityCommand(input, context)),
      reply,
    );
    return { session_id: id, expires_at: out.expiresAt };
  }

  @Delete(':id')
  @HttpCode(200)
  async close(
    @Headers('authorization') authorization: string | undefined,
    @Param() params: unknown,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { licenseId } = await this.auth.license(authorization);
    const { id } = decodeOr400(SessionIdParam, params, 'path');
    decodeOr400(NoBody, raw ?? {}, 'body');
    const context = licenseContext(request, licenseId);
    await accepted(
      this.commands.execute(new CloseSessionCommand({ licenseId, sessionId: id }, context)),
      reply,
    );
    return { session_id: id, closed: true };
  }
}
