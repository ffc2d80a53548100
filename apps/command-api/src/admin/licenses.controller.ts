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
import type * as t from 'io-ts';
import { NoBody, decodeOr400 } from '@lic/app';
import { Authenticator } from '../auth/authenticator';
import type { LicenseOperation, OnLicense, Recorded } from '../commands/license-operation';
import { ClearThreatLevelCommand } from '../commands/licenses/clear-threat-level.command';
import { EndSessionCommand } from '../commands/licenses/end-session.command';
import { IssueLicenseCommand } from '../commands/licenses/issue-license.command';
import { RaiseThreatLevelCommand } from '../commands/licenses/raise-threat-level.command';
import { ReinstateLicenseCommand } from '../commands/licenses/reinstate-license.command';
import { ReleaseLeaseCommand } from '../commands/licenses/release-lease.command';
import { RenewLicenseCommand } from '../commands/licenses/renew-license.command';
import { RevokeActivationCommand } from '../commands/licenses/revoke-activation.command';
import { RevokeLicenseCommand } from '../commands/licenses/revoke-license.command';
import { SetReservedAccountsCommand } from '../commands/licenses/set-reserved-accounts.command';
import { SuspendLicenseCommand } from '../commands/licenses/suspend-license.command';
import type { RequestContext } from '../commands/request-context';
import { accepted } from '../http/outcome';
import { adminContext } from '../http/request-context';
import {
  DetailBody,
  HolderParam,
  IssueLicenseBody,
  LicenseParam,
  LifecycleParam,
  ReasonBody,
  RenewBody,
  ReservedAccountsBody,
} from './admin.requests';

/** An admin action on one license, built from the decoded request. */
type AdminAction = (
  licenseId: string,
  context: RequestContext,
  body: unknown,
) => LicenseOperation<OnLicense, Recorded>;

const reason = (body: unknown) => decodeOr400(ReasonBody, body, 'body').reason;

/** The admin's lifecycle actions, each its own command. */
const lifecycle: Record<t.TypeOf<typeof LifecycleParam>['action'], AdminAction> = {
  suspend: (licenseId, context, body) =>
    new SuspendLicenseCommand({ licenseId, reason: reason(body) }, context),
  reinstate: (licenseId, context, body) =>
    new ReinstateLicenseCommand({ licenseId, reason: reason(body) }, context),
  revoke: (licenseId, context, body) =>
    new RevokeLicenseCommand({ licenseId, reason: reason(body) }, context),
  renew: (licenseId, context, body) =>
    new RenewLicenseCommand(
      { licenseId, days: decodeOr400(RenewBody, body, 'body').days ?? null },
      context,
    ),
  threat: (licenseId, context, body) =>
    new RaiseThreatLevelCommand(
      { licenseId, detail: decodeOr400(DetailBody, body, 'body').detail },
      context,
    ),
  'clear-threat': (licenseId, context, body) =>
    new ClearThreatLevelCommand({ licenseId, reason: reason(body) }, context),
};

/** Freeing one holder, by kind. */
const freeing: Record<t.TypeOf<typeof HolderParam>['holderKind'], (id: string) => AdminAction> = {
  activations: (activationId) => (licenseId, context) =>
    new RevokeActivationCommand({ licenseId, activationId }, context),
  sessions: (sessionId) => (licenseId, context) =>
    new EndSessionCommand({ licenseId, sessionId }, context),
  leases: (leaseId) => (licenseId, context) =>
    new ReleaseLeaseCommand({ licenseId, leaseId }, context),
};

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
    const input = {
      licenseId: body.license_id ?? null,
      productId: body.product_id,
      variantId: body.variant_id,
      licensee: body.licensee ?? null,
      trial: body.trial ?? false,
      seats: {
        maxMachines: body.seats?.max_machines,
        maxFloatingUsers: body.seats?.max_floating_users,
        maxSessions: body.seats?.max_sessions,
      },
    };
    const context = adminContext(request, operator.subject);
    const { licenseId, licenseKey, issued } = await accepted(
      this.commands.execute(new IssueLicenseCommand(input, context)),
      reply,
    );
    return {
      license_id: licenseId,
      license_key: licenseKey,
      product_id: issued.productId,
      variant_id: issued.variantId,
      trial: issued.trial,
      expires_at: issued.expiresAt,
      policy: issued.policy,
    };
  }

  /** Lifecycle: suspend, reinstate, revoke, renew, threat, clear-threat (see lifecycle above). */
  @Post(':id/:action')
  @HttpCode(200)
  changeStanding(
    @Headers('authorization') authorization: string | undefined,
    @Param() params: unknown,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { action } = decodeOr400(LifecycleParam, params, 'path');
    return this.run(authorization, params, body ?? {}, request, reply, lifecycle[action]);
  }

  /** S4: replaces the license's reserved accounts. */
  @Put(':id/reserved-accounts')
  @HttpCode(200)
  reserve(
    @Headers('authorization') authorization: string | undefined,
    @Param() params: unknown,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(authorization, params, body, request, reply, (licenseId, context, b) => {
      const { usernames } = decodeOr400(ReservedAccountsBody, b, 'body');
      return new SetReservedAccountsCommand({ licenseId, usernames }, context);
    });
  }

  /** Frees one seat at once: an activation (M3), a session (S5) or a lease. */
  @Delete(':id/:holderKind/:holderId')
  @HttpCode(200)
  freeHolder(
    @Headers('authorization') authorization: string | undefined,
    @Param() params: unknown,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { holderKind, holderId } = decodeOr400(HolderParam, params, 'path');
    decodeOr400(NoBody, body ?? {}, 'body');
    return this.run(authorization, params, {}, request, reply, freeing[holderKind](holderId));
  }

  /** Authenticate, decode, execute; answer with the events recorded (their types). */
  private async run(
    authorization: string | undefined,
    params: unknown,
    body: unknown,
    request: FastifyRequest,
    reply: FastifyReply,
    action: AdminAction,
  ) {
    const operator = await this.auth.operator(authorization, 'admin');
    const { id } = decodeOr400(
      LicenseParam,
      { id: (params as { id?: unknown } | null)?.id },
      'path',
    );
    const context = adminContext(request, operator.subject);
    const { recorded } = await accepted(this.commands.execute(action(id, context, body)), reply);
    return { license_id: id, recorded };
  }
}
