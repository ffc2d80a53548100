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
import * as E from 'fp-ts/Either';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import type { KeyRing } from '@lic/signing';
import type { AccessTokenRegistry } from '../auth/access-token-registry';
import { Authenticator } from '../auth/authenticator';
import { mintRecordedToken, tokenView } from '../auth/mint-recorded-token';
import { metadataOf } from '../commands/request-context';
import { ApiError } from '../http/api-error';
import { NoBody, decodeOr400 } from '../http/decode';
import { withPosition } from '../http/outcome';
import { contextOf } from '../http/request-context';
import type { Random } from '../infrastructure/random';
import { ACCESS_TOKEN_REGISTRY, CLOCK, CONFIG, KEY_RING, RANDOM } from '../infrastructure/tokens';
import { MintTokenBody, TokenParam } from './tokens.requests';

/**
 * Access tokens for operators (admins, auditors): minted, listed and revoked by an admin, each
 * step an event of the admin-tokens stream. The token itself is answered once, at minting.
 */
@Controller('admin/v1/tokens')
export class TokensController {
  constructor(
    private readonly auth: Authenticator,
    @Inject(ACCESS_TOKEN_REGISTRY) private readonly registry: AccessTokenRegistry,
    @Inject(KEY_RING) private readonly ring: KeyRing,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(RANDOM) private readonly random: Random,
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
    const actor = { kind: 'admin' as const, id: operator.subject };
    const minted = await mintRecordedToken(
      this.registry,
      this.ring,
      {
        tokenId: this.random.id('tok'),
        issuer: this.config.PUBLIC_URL,
        subject: body.subject,
        roles: body.roles,
        label: body.label ?? null,
        ttlHours: body.ttl_hours ?? this.config.ADMIN_TOKEN_TTL_HOURS,
        actor,
        now: this.clock.now(),
      },
      metadataOf(contextOf(request, actor)),
    );
    if (E.isLeft(minted)) throw new ApiError(minted.left.code, minted.left.message);
    withPosition(reply, minted.right);
    return { token: minted.right.token, ...tokenView(minted.right.record, this.clock.now()) };
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
    const actor = { kind: 'admin' as const, id: operator.subject };
    const revoked = await this.registry.revoke(id, actor, metadataOf(contextOf(request, actor)));
    if (E.isLeft(revoked.outcome)) {
      throw new ApiError(revoked.outcome.left.code, revoked.outcome.left.message);
    }
    withPosition(reply, revoked);
    return tokenView(revoked.outcome.right, this.clock.now());
  }
}
