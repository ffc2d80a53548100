import {
  Body,
  Controller,
  Delete,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Req,
  Res,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IssuedLicense, LicenseCommand } from '@lic/domain';
import { toIso } from '@lic/domain';
import { Authenticator } from '../auth/authenticator';
import { DecideLicense } from '../commands/decide-license.command';
import { IssueLicense } from '../commands/issue-license.command';
import { decodeOr400 } from '../http/decode';
import { accepted } from '../http/outcome';
import { contextOf } from '../http/request-context';
import {
  DetailBody,
  HolderParam,
  IssueLicenseBody,
  LicenseParam,
  ReasonBody,
  RenewBody,
  ReservedAccountsBody,
} from './admin.requests';

type AdminCommand = (
  licenseId: string,
  actor: { kind: 'admin'; id: string },
  body: unknown,
) => LicenseCommand;

/** Issue licenses, change their standing, and free single seats (M3, S5, F-lease release). */
@Controller('admin/v1/licenses')
export class LicensesController {
  constructor(
    private readonly auth: Authenticator,
    private readonly commands: CommandBus,
  ) {}

  @Post()
  @HttpCode(201)
  async issue(
    @Headers('authorization') authorization: string | undefined,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const operator = await this.auth.operator(authorization, 'admin');
    const body = decodeOr400(IssueLicenseBody, raw, 'body');
    const issued = await this.commands.execute(
      new IssueLicense(body, contextOf(request, { kind: 'admin', id: operator.subject })),
    );
    accepted(issued.decided, reply);
    const license = issued.decided.state as IssuedLicense;
    return {
      license_id: issued.licenseId,
      license_key: issued.licenseKey,
      product_id: license.productId,
      variant_id: license.variantId,
      trial: license.trial,
      expires_at: license.expiresAt === null ? null : toIso(license.expiresAt),
      policy: license.policy,
    };
  }

  @Post(':id/suspend')
  @HttpCode(200)
  suspend(
    @Headers('authorization') a: string | undefined,
    @Param() p: unknown,
    @Body() b: unknown,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.run(a, p, b, q, r, (licenseId, actor, body) => ({
      type: 'SuspendLicense',
      licenseId,
      actor,
      reason: decodeOr400(ReasonBody, body, 'body').reason,
    }));
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  reinstate(
    @Headers('authorization') a: string | undefined,
    @Param() p: unknown,
    @Body() b: unknown,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.run(a, p, b, q, r, (licenseId, actor, body) => ({
      type: 'ReinstateLicense',
      licenseId,
      actor,
      reason: decodeOr400(ReasonBody, body, 'body').reason,
    }));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  revoke(
    @Headers('authorization') a: string | undefined,
    @Param() p: unknown,
    @Body() b: unknown,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.run(a, p, b, q, r, (licenseId, actor, body) => ({
      type: 'RevokeLicense',
      licenseId,
      actor,
      reason: decodeOr400(ReasonBody, body, 'body').reason,
    }));
  }

  @Post(':id/renew')
  @HttpCode(200)
  renew(
    @Headers('authorization') a: string | undefined,
    @Param() p: unknown,
    @Body() b: unknown,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.run(a, p, b ?? {}, q, r, (licenseId, actor, body) => ({
      type: 'RenewLicense',
      licenseId,
      actor,
      days: decodeOr400(RenewBody, body, 'body').days ?? null,
    }));
  }

  @Post(':id/threat')
  @HttpCode(200)
  raiseThreat(
    @Headers('authorization') a: string | undefined,
    @Param() p: unknown,
    @Body() b: unknown,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.run(a, p, b, q, r, (licenseId, actor, body) => ({
      type: 'RaiseThreatLevel',
      licenseId,
      actor,
      detail: decodeOr400(DetailBody, body, 'body').detail,
    }));
  }

  @Post(':id/threat/clear')
  @HttpCode(200)
  clearThreat(
    @Headers('authorization') a: string | undefined,
    @Param() p: unknown,
    @Body() b: unknown,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.run(a, p, b, q, r, (licenseId, actor, body) => ({
      type: 'ClearThreatLevel',
      licenseId,
      actor,
      reason: decodeOr400(ReasonBody, body, 'body').reason,
    }));
  }

  @Put(':id/reserved-accounts')
  @HttpCode(200)
  reserve(
    @Headers('authorization') a: string | undefined,
    @Param() p: unknown,
    @Body() b: unknown,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.run(a, p, b, q, r, (licenseId, actor, body) => ({
      type: 'SetReservedAccounts',
      licenseId,
      actor,
      usernames: decodeOr400(ReservedAccountsBody, body, 'body').usernames,
    }));
  }

  @Delete(':id/activations/:holderId')
  @HttpCode(200)
  revokeActivation(
    @Headers('authorization') a: string | undefined,
    @Param() p: unknown,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    const { holderId } = decodeOr400(HolderParam, p, 'path');
    return this.run(a, p, {}, q, r, (licenseId, actor) => ({
      type: 'RevokeActivation',
      licenseId,
      actor,
      activationId: holderId,
    }));
  }

  @Delete(':id/sessions/:holderId')
  @HttpCode(200)
  endSession(
    @Headers('authorization') a: string | undefined,
    @Param() p: unknown,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    const { holderId } = decodeOr400(HolderParam, p, 'path');
    return this.run(a, p, {}, q, r, (licenseId, actor) => ({
      type: 'EndSession',
      licenseId,
      actor,
      sessionId: holderId,
    }));
  }

  @Delete(':id/leases/:holderId')
  @HttpCode(200)
  releaseLease(
    @Headers('authorization') a: string | undefined,
    @Param() p: unknown,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    const { holderId } = decodeOr400(HolderParam, p, 'path');
    return this.run(a, p, {}, q, r, (licenseId, actor) => ({
      type: 'ReleaseLease',
      licenseId,
      actor,
      leaseId: holderId,
    }));
  }

  /** Authenticate, decode, decide; answer with the events recorded (their types). */
  private async run(
    authorization: string | undefined,
    params: unknown,
    body: unknown,
    request: FastifyRequest,
    reply: FastifyReply,
    build: AdminCommand,
  ) {
    const operator = await this.auth.operator(authorization, 'admin');
    const { id } = decodeOr400(
      LicenseParam,
      { id: (params as { id?: unknown } | null)?.id },
      'path',
    );
    const actor = { kind: 'admin' as const, id: operator.subject };
    const command = build(id, actor, body);
    const decided = await this.commands.execute(
      new DecideLicense(command, contextOf(request, actor)),
    );
    const events = accepted(decided, reply);
    return { license_id: id, recorded: events.map((e) => e.type) };
  }
}
