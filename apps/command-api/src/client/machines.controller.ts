import { Body, Controller, Headers, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '@lic/clock';
import { fromIso, offlineDays, toIso, type LicenseEvent, type TokenGrant } from '@lic/domain';
import { verifyMachineToken, type EnvelopePayload, type KeyRing } from '@lic/signing';
import { Authenticator, type LicenseClient } from '../auth/authenticator';
import { DecideLicense, type LicenseFacts } from '../commands/decide-license.command';
import { ApiError, decodeOr400 } from '@lic/app';
import { accepted } from '../http/outcome';
import { contextOf } from '../http/request-context';
import type { Random } from '../infrastructure/random';
import { CLOCK, KEY_RING, RANDOM } from '../infrastructure/tokens';
import { Signer } from '../signing/signer';
import { ActivateBody, DeactivateBody, ValidateBody } from './client.requests';

/** The token a decision granted, with the activation (or lease) it belongs to. */
const grantIn = (
  events: readonly LicenseEvent[],
): { activationId: string; fingerprint?: string; grant: TokenGrant } | null => {
  for (const e of events) {
    if (e.type === 'MachineActivated.v2' || e.type === 'MachineTokenRefreshed.v1') {
      return {
        activationId: e.data.activationId,
        fingerprint: e.data.fingerprint,
        grant: e.data.token,
      };
    }
    if ((e.type === 'LeaseCheckedOut.v2' || e.type === 'LeaseHeartbeat.v1') && e.data.token) {
      return { activationId: e.data.leaseId, grant: e.data.token };
    }
  }
  return null;
};

/**
 * Seed 002's machine surface: activate (a JWT bound to the fingerprint, M4), validate (the
 * license's status checked on every call, O4, and a refreshed token in the window, O3), and
 * deactivate (M3; on job completion it also frees a floating seat, F7).
 */
@Controller('api/v1')
export class MachinesController {
  constructor(
    private readonly auth: Authenticator,
    private readonly commands: CommandBus,
    private readonly signer: Signer,
    @Inject(KEY_RING) private readonly ring: KeyRing,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: Random,
  ) {}

  @Post('activate')
  @HttpCode(200)
  async activate(
    @Headers('authorization') authorization: string | undefined,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const client = await this.auth.license(authorization);
    const body = decodeOr400(ActivateBody, raw, 'body');
    const decided = await this.commands.execute(
      new DecideLicense(
        {
          type: 'ActivateMachine',
          licenseId: client.licenseId,
          actor: { kind: 'license', id: client.licenseId },
          fingerprint: body.fingerprint,
          activationId: this.random.id(),
          tokenId: this.random.id(),
          country: body.country ?? null,
          hostname: body.hostname ?? null,
        },
        contextOf(request, { kind: 'license', id: client.licenseId }),
      ),
    );
    const granted = grantIn(accepted(decided, reply));
    if (!granted || !decided.license) {
      throw new ApiError('INTERNAL', 'the activation granted no token');
    }
    return this.tokenAnswer(
      decided.license,
      granted.activationId,
      body.fingerprint,
      granted.grant,
      true,
    );
  }

  @Post('validate')
  @HttpCode(200)
  async validate(
    @Headers('authorization') authorization: string | undefined,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const client = await this.auth.license(authorization);
    const body = decodeOr400(ValidateBody, raw, 'body');
    const verified = await verifyMachineToken(this.ring, body.token, this.clock.now());
    if (verified.kind === 'invalid') {
      throw new ApiError('INVALID_TOKEN', `the token is not valid (${verified.reason})`);
    }
    const claims = verified.claims;
    if (claims.licenseId !== client.licenseId) {
      throw new ApiError('INVALID_TOKEN', 'the token belongs to another license');
    }
    if (claims.fingerprint !== body.fingerprint) {
      throw new ApiError('FINGERPRINT_MISMATCH', 'the token was issued to another machine (M4)');
    }
    const decided = await this.commands.execute(
      new DecideLicense(
        {
          type: 'ValidateMachine',
          licenseId: client.licenseId,
          actor: { kind: 'license', id: client.licenseId },
          fingerprint: body.fingerprint,
          activationId: claims.activationId,
          tokenId: claims.tokenId,
          tokenIssuedAt: toIso(claims.issuedAt),
          tokenExpiresAt: toIso(claims.expiresAt),
          newTokenId: this.random.id(),
        },
        contextOf(request, { kind: 'license', id: client.licenseId }),
      ),
    );
    const license = decided.license;
    let events: readonly LicenseEvent[];
    try {
      events = accepted(decided, reply);
    } catch (error) {
      throw license === null ? error : this.withOfflineGrace(error, license);
    }
    if (license === null) throw new ApiError('INTERNAL', 'the license was not issued');
    const granted = grantIn(events);
    if (granted) {
      return this.tokenAnswer(license, granted.activationId, body.fingerprint, granted.grant, true);
    }
    const status = license.status;
    return this.signed(
      {
        valid: true,
        refreshed: false,
        license_id: client.licenseId,
        activation_id: claims.activationId,
        fingerprint: body.fingerprint,
        status,
        token_id: claims.tokenId,
        expires_at: toIso(claims.expiresAt),
        offline_days: offlineDays(license.offlineDays, status),
      },
      body.token,
      decided.decidedAt,
    );
  }

  @Post('deactivate')
  @HttpCode(200)
  async deactivate(
    @Headers('authorization') authorization: string | undefined,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const client: LicenseClient = await this.auth.license(authorization);
    const body = decodeOr400(DeactivateBody, raw, 'body');
    const decided = await this.commands.execute(
      new DecideLicense(
        {
          type: 'DeactivateMachine',
          licenseId: client.licenseId,
          actor: { kind: 'license', id: client.licenseId },
          fingerprint: body.fingerprint,
        },
        contextOf(request, { kind: 'license', id: client.licenseId }),
      ),
    );
    const events = accepted(decided, reply);
    return {
      deactivated: true,
      license_id: client.licenseId,
      fingerprint: body.fingerprint,
      machine_released: events.some((e) => e.type === 'MachineDeactivated.v1'),
      leases_released: events.filter((e) => e.type === 'LeaseCheckedIn.v1').length,
    };
  }

  private async tokenAnswer(
    license: LicenseFacts,
    activationId: string,
    fingerprint: string,
    grant: TokenGrant,
    refreshed: boolean,
  ) {
    return this.signed(
      {
        valid: true,
        refreshed,
        license_id: license.licenseId,
        activation_id: activationId,
        fingerprint,
        status: grant.status,
        token_id: grant.tokenId,
        expires_at: grant.expiresAt,
        offline_days: offlineDays(license.offlineDays, grant.status),
      },
      await this.signer.machineToken(license, activationId, fingerprint, grant),
      fromIso(grant.issuedAt),
    );
  }

  /**
   * An activation or validation answer: its fields, the machine token, and an envelope signed
   * over the fields (status, validity, allowance), so a client can trust the answer itself and
   * not only a newly issued token.
   */
  private async signed(fields: EnvelopePayload, token: string, decidedAt: number) {
    const payload = { type: 'machine.status', ...fields, checked_at: toIso(decidedAt) };
    return { ...payload, token, envelope: await this.signer.envelope(payload, decidedAt) };
  }

  /** O2: a suspended license may still run on its cached token for its offline allowance. */
  private withOfflineGrace(error: unknown, license: LicenseFacts): unknown {
    if (!(error instanceof ApiError)) return error;
    const status = license.status;
    const graceDays = offlineDays(license.offlineDays, status);
    return new ApiError(
      error.code,
      error.message,
      { status, offline_grace_days: graceDays },
      error.headers,
    );
  }
}
