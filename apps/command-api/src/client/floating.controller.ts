import { Body, Controller, Headers, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toIso, type IdempotencyRecord, type LicenseCommand } from '@lic/domain';
import type { EnvelopePayload } from '@lic/signing';
import { Authenticator } from '../auth/authenticator';
import { DecideLicense } from '../commands/decide-license.command';
import { ApiError, decodeOr400 } from '@lic/app';
import { accepted } from '../http/outcome';
import { contextOf } from '../http/request-context';
import type { Random } from '../infrastructure/random';
import { RANDOM } from '../infrastructure/tokens';
import { Signer, requestHash } from '../signing/signer';
import { InFlightKeys } from './in-flight-keys';
import {
  CheckoutBody,
  IdempotencyKeyHeader,
  LeaseBody,
  leaseIdOf,
  leaseTokenOf,
} from './client.requests';

/**
 * Seed 001's floating surface: checkout, heartbeat, checkin. Checkout and checkin answers are
 * signed envelopes built only from what the Idempotency-Key is bound to, so a replay (F6)
 * returns the same bytes.
 */
@Controller('api/v1/license/floating')
export class FloatingController {
  constructor(
    private readonly auth: Authenticator,
    private readonly commands: CommandBus,
    private readonly signer: Signer,
    private readonly inFlight: InFlightKeys,
    @Inject(RANDOM) private readonly random: Random,
  ) {}

  @Post('checkout')
  @HttpCode(200)
  async checkout(
    @Headers() headers: Record<string, string | undefined>,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const client = await this.auth.license(headers.authorization);
    const body = decodeOr400(CheckoutBody, raw, 'body');
    return this.idempotent(
      headers,
      request,
      reply,
      client.licenseId,
      'checkout',
      // F6: a name is part of the request; a request without one hashes as it always did.
      {
        fingerprint: body.fingerprint,
        ...(body.hostname === undefined || body.hostname === null
          ? {}
          : { hostname: body.hostname }),
      },
      (key, hash) => ({
        type: 'CheckoutLease',
        licenseId: client.licenseId,
        actor: { kind: 'license', id: client.licenseId },
        leaseId: this.random.id(),
        fingerprint: body.fingerprint,
        hostname: body.hostname ?? null,
        idempotencyKey: key,
        requestHash: hash,
      }),
      (record) => ({
        type: 'floating.checkout',
        license_id: client.licenseId,
        fingerprint: body.fingerprint,
        lease_token: leaseTokenOf(record.leaseId),
        lease_expires_at: toIso(record.leaseExpiresAt),
        checked_out_at: toIso(record.at),
      }),
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
    const client = await this.auth.license(authorization);
    const body = decodeOr400(LeaseBody, raw, 'body');
    const leaseId = leaseIdOf(body.lease_token);
    const decided = await this.commands.execute(
      new DecideLicense(
        {
          type: 'HeartbeatLease',
          licenseId: client.licenseId,
          actor: { kind: 'license', id: client.licenseId },
          leaseId,
        },
        contextOf(request, { kind: 'license', id: client.licenseId }),
      ),
    );
    const events = accepted(decided, reply);
    const beat = events.find((e) => e.type === 'LeaseHeartbeat.v1');
    return {
      lease_token: body.lease_token,
      lease_expires_at: beat?.type === 'LeaseHeartbeat.v1' ? beat.data.expiresAt : null,
    };
  }

  @Post('checkin')
  @HttpCode(200)
  async checkin(
    @Headers() headers: Record<string, string | undefined>,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const client = await this.auth.license(headers.authorization);
    const body = decodeOr400(LeaseBody, raw, 'body');
    return this.idempotent(
      headers,
      request,
      reply,
      client.licenseId,
      'checkin',
      { lease_token: body.lease_token },
      (key, hash) => ({
        type: 'CheckinLease',
        licenseId: client.licenseId,
        actor: { kind: 'license', id: client.licenseId },
        leaseId: leaseIdOf(body.lease_token),
        idempotencyKey: key,
        requestHash: hash,
      }),
      (record) => ({
        type: 'floating.checkin',
        license_id: client.licenseId,
        lease_token: leaseTokenOf(record.leaseId),
        released_at: toIso(record.at),
      }),
    );
  }

  /**
   * F6: decide a command bound to the request's Idempotency-Key (one in flight per key on this
   * instance), and answer with an envelope built only from what the key is bound to — the
   * same bytes for the first answer and every replay.
   */
  private async idempotent(
    headers: Record<string, string | undefined>,
    request: FastifyRequest,
    reply: FastifyReply,
    licenseId: string,
    operation: IdempotencyRecord['operation'],
    /** Exactly the request fields the key is bound to (io-ts does not strip extra ones). */
    bound: { readonly [field: string]: string },
    command: (key: string, hash: string) => LicenseCommand,
    answer: (record: IdempotencyRecord) => EnvelopePayload,
  ) {
    const key = decodeOr400(IdempotencyKeyHeader, headers, 'header')['idempotency-key'];
    const hash = requestHash(operation, licenseId, bound);
    const decided = await this.inFlight.run(licenseId, key, () =>
      this.commands.execute(
        new DecideLicense(
          command(key, hash),
          contextOf(request, { kind: 'license', id: licenseId }),
        ),
      ),
    );
    accepted(decided, reply);
    const record = decided.license?.idempotency ?? null;
    if (!record) throw new ApiError('INTERNAL', `the ${operation} left no record`);
    const payload = answer(record);
    return { ...payload, envelope: await this.signer.envelope(payload, record.at) };
  }
}
