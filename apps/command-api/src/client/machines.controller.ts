import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fromIso, offlineDays, toIso } from '@lic/domain';
import type { EnvelopePayload } from '@lic/signing';
import { decodeOr400 } from '@lic/app';
import { Authenticator } from '../auth/authenticator';
import { ActivateMachineCommand } from '../commands/machines/activate-machine.command';
import { DeactivateMachineCommand } from '../commands/machines/deactivate-machine.command';
import type { Granted } from '../commands/machines/granted';
import { ValidateMachineCommand } from '../commands/machines/validate-machine.command';
import { accepted } from '../http/outcome';
import { licenseContext } from '../http/request-context';
import { Signer } from '../signing/signer';
import { ActivateBody, DeactivateBody, ValidateBody } from './client.requests';

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
  ) {}

  @Post('activate')
  @HttpCode(200)
  async activate(
    @Headers('authorization') authorization: string | undefined,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { licenseId } = await this.auth.license(authorization);
    const { fingerprint, country = null, hostname = null } = decodeOr400(ActivateBody, raw, 'body');
    const command = new ActivateMachineCommand(
      { licenseId, fingerprint, country, hostname },
      licenseContext(request, licenseId),
    );
    return this.tokenAnswer(await accepted(this.commands.execute(command), reply), fingerprint);
  }

  @Post('validate')
  @HttpCode(200)
  async validate(
    @Headers('authorization') authorization: string | undefined,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { licenseId } = await this.auth.license(authorization);
    const { token, fingerprint } = decodeOr400(ValidateBody, raw, 'body');
    const validation = new ValidateMachineCommand(
      { licenseId, token, fingerprint },
      licenseContext(request, licenseId),
    );
    const out = await accepted(this.commands.execute(validation), reply);
    if (out.refreshed) return this.tokenAnswer(out, fingerprint);
    return this.signed(
      {
        valid: true,
        refreshed: false,
        license_id: licenseId,
        activation_id: out.activationId,
        fingerprint,
        status: out.status,
        token_id: out.tokenId,
        expires_at: toIso(out.expiresAt),
        offline_days: offlineDays(out.license.offlineDays, out.status),
      },
      token,
      out.decidedAt,
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
    const { licenseId } = await this.auth.license(authorization);
    const { fingerprint } = decodeOr400(DeactivateBody, raw, 'body');
    const context = licenseContext(request, licenseId);
    const out = await accepted(
      this.commands.execute(new DeactivateMachineCommand({ licenseId, fingerprint }, context)),
      reply,
    );
    return {
      deactivated: true,
      license_id: licenseId,
      fingerprint,
      machine_released: out.machineReleased,
      leases_released: out.leasesReleased,
    };
  }

  /** A newly granted machine token, with the status and allowance it was granted under. */
  private async tokenAnswer({ license, activationId, grant }: Granted, fingerprint: string) {
    return this.signed(
      {
        valid: true,
        refreshed: true,
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
}
