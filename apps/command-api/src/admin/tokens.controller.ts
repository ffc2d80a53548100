import {
  Body,
  Controller,
  Delete,
  Get,
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
import type { Clock } from '@lic/clock';
import { NoBody, decodeOr400 } from '@lic/app';
import type { AccessTokenRegistry } from '../auth/access-token-registry';
import { Authenticator } from '../auth/authenticator';
import { tokenView } from '../auth/mint-recorded-token';
import { MintAccessTokenCommand } from '../commands/tokens/mint-access-token.command';
import { RevokeAccessTokenCommand } from '../commands/tokens/revoke-access-token.command';
import { accepted } from '../http/outcome';
import { adminContext } from '../http/request-context';
import { ACCESS_TOKEN_REGISTRY, CLOCK } from '../infrastructure/tokens';
import { MintTokenBody, TokenParam } from './tokens.requests';

/**
 * Access tokens for operators (admins, auditors): minted, listed and revoked by an admin, each
 * step an event of the admin-tokens stream. The token itself is answered once, at minting.
 */
@Controller('admin/v1/tokens')
export class TokensController {
  constructor(
    private readonly auth: Authenticator,
    private readonly commands: CommandBus,
    @Inject(ACCESS_TOKEN_REGISTRY) private readonly registry: AccessTokenRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  async mint(
    @Headers('authorization') authorization: string | undefined,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const operator = await this.auth.operator(authorization, 'admin');
    const body = decodeOr400(MintTokenBody, raw, 'body');
    const input = {
      subject: body.subject,
      roles: body.roles,
      label: body.label ?? null,
      ttlHours: body.ttl_hours ?? null,
    };
    const command = new MintAccessTokenCommand(input, adminContext(request, operator.subject));
    const { token, record, decidedAt } = await accepted(this.commands.execute(command), reply);
    return { token, ...tokenView(record, decidedAt) };
  }

  @Get()
  async list(@Headers('authorization') authorization: string | undefined) {
    await this.auth.operator(authorization, 'admin');
    const now = this.clock.now();
    return { tokens: (await this.registry.list()).map((r) => tokenView(r, now)) };
  }

  /** Idempotent: revoking a revoked token answers it as it stands and records nothing. */
  @Delete(':id')
  async revoke(
    @Headers('authorization') authorization: string | undefined,
    @Param() params: unknown,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const operator = await this.auth.operator(authorization, 'admin');
    const { id } = decodeOr400(TokenParam, params, 'path');
    decodeOr400(NoBody, raw ?? {}, 'body');
    const command = new RevokeAccessTokenCommand(id, adminContext(request, operator.subject));
    const { record, decidedAt } = await accepted(this.commands.execute(command), reply);
    return tokenView(record, decidedAt);
  }
}
