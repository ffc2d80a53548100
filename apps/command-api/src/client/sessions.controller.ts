import {
  Body,
  Controller,
  Delete,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticator } from '../auth/authenticator';
import { DecideLicense } from '../commands/decide-license.command';
import { ApiError, NoBody, decodeOr400 } from '@lic/app';
import { accepted } from '../http/outcome';
import { contextOf } from '../http/request-context';
import type { Random } from '../infrastructure/random';
import { RANDOM } from '../infrastructure/tokens';
import { ActivityBody, OpenSessionBody, SessionIdParam } from './client.requests';

/** Seed 000's sessions: a session occupies a slot; a credential alone does not (S1–S6). */
@Controller('api/v1/sessions')
export class SessionsController {
  constructor(
    private readonly auth: Authenticator,
    private readonly commands: CommandBus,
    @Inject(RANDOM) private readonly random: Random,
  ) {}

  @Post()
  @HttpCode(201)
  async open(
    @Headers('authorization') authorization: string | undefined,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const client = await this.auth.license(authorization);
    const body = decodeOr400(OpenSessionBody, raw, 'body');
    const actor = { kind: 'license' as const, id: client.licenseId };
    const decided = await this.commands.execute(
      new DecideLicense(
        {
          type: 'OpenSession',
          licenseId: client.licenseId,
          actor,
          sessionId: this.random.id(),
          username: body.username,
          kind: body.kind,
        },
        contextOf(request, actor),
      ),
    );
    const opened = accepted(decided, reply).find((e) => e.type === 'SessionOpened.v1');
    if (opened?.type !== 'SessionOpened.v1') throw new ApiError('INTERNAL', 'no session opened');
    return {
      session_id: opened.data.sessionId,
      license_id: client.licenseId,
      username: opened.data.username,
      kind: opened.data.kind,
      pool: opened.data.pool,
      expires_at: opened.data.expiresAt,
      hard_expires_at: opened.data.hardExpiresAt,
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
    const client = await this.auth.license(authorization);
    const { id } = decodeOr400(SessionIdParam, params, 'path');
    const body = decodeOr400(ActivityBody, raw ?? {}, 'body');
    const actor = { kind: 'license' as const, id: client.licenseId };
    const decided = await this.commands.execute(
      new DecideLicense(
        {
          type: 'RecordSessionActivity',
          licenseId: client.licenseId,
          actor,
          sessionId: id,
          username: body.username ?? null,
          onBehalfOf: body.on_behalf_of ?? null,
        },
        contextOf(request, actor),
      ),
    );
    const recorded = accepted(decided, reply).find((e) => e.type === 'SessionActivityRecorded.v1');
    return {
      session_id: id,
      expires_at: recorded?.type === 'SessionActivityRecorded.v1' ? recorded.data.expiresAt : null,
    };
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
    const client = await this.auth.license(authorization);
    const { id } = decodeOr400(SessionIdParam, params, 'path');
    decodeOr400(NoBody, raw ?? {}, 'body');
    const actor = { kind: 'license' as const, id: client.licenseId };
    const decided = await this.commands.execute(
      new DecideLicense(
        { type: 'CloseSession', licenseId: client.licenseId, actor, sessionId: id },
        contextOf(request, actor),
      ),
    );
    accepted(decided, reply);
    return { session_id: id, closed: true };
  }
}
