import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toIso } from '@lic/domain';
import type { EnvelopePayload } from '@lic/signing';
import { decodeOr400 } from '@lic/app';
import { Authenticator } from '../auth/authenticator';
import { CheckinLeaseCommand } from '../commands/floating/checkin-lease.command';
import { CheckoutLeaseCommand } from '../commands/floating/checkout-lease.command';
import { HeartbeatLeaseCommand } from '../commands/floating/heartbeat-lease.command';
import { accepted } from '../http/outcome';
import { licenseContext } from '../http/request-context';
import { Signer } from '../signing/signer';
import {
  CheckoutBody,
  IdempotencyKeyHeader,
  LeaseBody,
  leaseIdOf,
  leaseTokenOf,
} from './client.requests';

type Headers = Record<string, string | undefined>;

/**
 * Seed 001's floating surface: checkout, heartbeat, checkin. Checkout and checkin answers are
 * signed envelopes built only from what the Idempotency-Key is bound to, at the instant it was
 * bound, so a replay (F6) returns the same bytes.
 */
@Controller('api/v1/license/floating')
export class FloatingController {
  constructor(
    private readonly auth: Authenticator,
    private readonly commands: CommandBus,
    private readonly signer: Signer,
  ) {}

  @Post('checkout')
  @HttpCode(200)
  async checkout(
    @Headers() headers: Headers,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { licenseId } = await this.auth.license(headers.authorization);
    const { fingerprint, hostname } = decodeOr400(CheckoutBody, raw, 'body');
    const idempotencyKey = keyOf(headers);
    const context = licenseContext(request, licenseId);
    const out = await accepted(
      this.commands.execute(
        new CheckoutLeaseCommand(
          { licenseId, fingerprint, hostname: hostname ?? null, idempotencyKey },
          context,
        ),
      ),
      reply,
    );
    return this.signed(
      {
        type: 'floating.checkout',
        license_id: licenseId,
        fingerprint,
        lease_token: leaseTokenOf(out.leaseId),
        lease_expires_at: toIso(out.leaseExpiresAt),
        checked_out_at: toIso(out.at),
      },
      out.at,
    );
  }

  @Post('heartbeat')
  @HttpCode(200)
  async heartbeat(
    @Headers('authorization') authorization: string | undefined,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { licenseId } = await this.auth.license(authorization);
    const { lease_token } = decodeOr400(LeaseBody, raw, 'body');
    const context = licenseContext(request, licenseId);
    const out = await accepted(
      this.commands.execute(
        new HeartbeatLeaseCommand({ licenseId, leaseId: leaseIdOf(lease_token) }, context),
      ),
      reply,
    );
    return { lease_token, lease_expires_at: out.leaseExpiresAt };
  }

  @Post('checkin')
  @HttpCode(200)
  async checkin(
    @Headers() headers: Headers,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { licenseId } = await this.auth.license(headers.authorization);
    const { lease_token: leaseToken } = decodeOr400(LeaseBody, raw, 'body');
    const idempotencyKey = keyOf(headers);
    const context = licenseContext(request, licenseId);
    const out = await accepted(
      this.commands.execute(
        new CheckinLeaseCommand({ licenseId, leaseToken, idempotencyKey }, context),
      ),
      reply,
    );
    return this.signed(
      {
        type: 'floating.checkin',
        license_id: licenseId,
        lease_token: leaseTokenOf(out.leaseId),
        released_at: toIso(out.at),
      },
      out.at,
    );
  }

  /** The answer's fields and an envelope signed over them with the key current at `at`. */
  private async signed(payload: EnvelopePayload, at: number) {
    return { ...payload, envelope: await this.signer.envelope(payload, at) };
  }
}

const keyOf = (headers: Headers): string =>
  decodeOr400(IdempotencyKeyHeader, headers, 'header')['idempotency-key'];
