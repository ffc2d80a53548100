import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import type { Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import { toIso } from '@lic/domain';
import { signAccessToken, type KeyRing } from '@lic/signing';
import { Authenticator } from '../auth/authenticator';
import { decodeOr400 } from '@lic/app';
import { CLOCK, CONFIG, KEY_RING } from '../infrastructure/tokens';
import { MintTokenBody } from './admin.requests';

const HOUR = 3_600_000;

/** An admin mints access tokens for other operators, e.g. an auditor of the query API. */
@Controller('admin/v1/tokens')
export class TokensController {
  constructor(
    private readonly auth: Authenticator,
    @Inject(KEY_RING) private readonly ring: KeyRing,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Post()
  @HttpCode(201)
  async mint(@Headers('authorization') authorization: string | undefined, @Body() raw: unknown) {
    await this.auth.operator(authorization, 'admin');
    const body = decodeOr400(MintTokenBody, raw, 'body');
    const issuedAt = this.clock.now();
    const expiresAt = issuedAt + (body.ttl_hours ?? this.config.ADMIN_TOKEN_TTL_HOURS) * HOUR;
    const token = await signAccessToken(this.ring, {
      issuer: this.config.PUBLIC_URL,
      subject: body.subject,
      roles: body.roles,
      issuedAt,
      expiresAt,
    });
    return { token, subject: body.subject, roles: body.roles, expires_at: toIso(expiresAt) };
  }
}
