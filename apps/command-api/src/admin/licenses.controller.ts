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
import * as E from 'fp-ts/Either';
import type { LicenseCommand } from '@lic/domain';
import { Authenticator } from '../auth/authenticator';
import { DecideLicense } from '../commands/decide-license.command';
import { IssueLicense } from '../commands/issue-license.command';
import { ApiError, NoBody, decodeOr400 } from '@lic/app';
import { accepted } from '../http/outcome';
import { contextOf } from '../http/request-context';
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

type AdminCommand = (
  licenseId: string,
  actor: { kind: 'admin'; id: string },
  body: unknown,
) => LicenseCommand;

const reason = (body: unknown) => decodeOr400(ReasonBody, body, 'body').reason;

/** The admin's lifecycle actions, each a License command built from the request body. */
const lifecycle: Record<t.TypeOf<typeof LifecycleParam>['action'], AdminCommand> = {
  suspend: (licenseId, actor, body) => ({
    type: 'SuspendLicense',
    licenseId,
    actor,
    reason: reason(body),
  }),
  reinstate: (licenseId, actor, body) => ({
    type: 'ReinstateLicense',
    licenseId,
    actor,
    reason: reason(body),
  }),
  revoke: (licenseId, actor, body) => ({
    type: 'RevokeLicense',
    licenseId,
    actor,
    reason: reason(body),
  }),
  renew: (licenseId, actor, body) => ({
    type: 'RenewLicense',
    licenseId,
    actor,
    days: decodeOr400(RenewBody, body, 'body').days ?? null,
  }),
  threat: (licenseId, actor, body) => ({
    type: 'RaiseThreatLevel',
    licenseId,
    actor,
    detail: decodeOr400(DetailBody, body, 'body').detail,
  }),
  'clear-threat': (licenseId, actor, body) => ({
    type: 'ClearThreatLevel',
    licenseId,
    actor,
    reason: reason(body),
  }),
};

/** Freeing one holder, by kind. */
const freeing: Record<t.TypeOf<typeof HolderParam>['holderKind'], (id: string) => AdminCommand> = {
  activations: (activationId) => (licenseId, actor) => ({
    type: 'RevokeActivation',
    licenseId,
    actor,
    activationId,
  }),
  sessions: (sessionId) => (licenseId, actor) => ({
    type: 'EndSession',
    licenseId,
    actor,
    sessionId,
  }),
  leases: (leaseId) => (licenseId, actor) => ({ type: 'ReleaseLease', licenseId, actor, leaseId }),
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
    const outcome = await this.commands.execute(
      new IssueLicense(body, contextOf(request, { kind: 'admin', id: operator.subject })),
    );
    if (E.isLeft(outcome)) throw new ApiError(outcome.left.code, outcome.left.message);
    const { licenseId, licenseKey, decided } = outcome.right;
    const event = accepted(decided, reply).find((e) => e.type === 'LicenseIssued.v1');
    if (event?.type !== 'LicenseIssued.v1') throw new ApiError('INTERNAL', 'no license issued');
    return {
      license_id: licenseId,
      license_key: licenseKey,
      product_id: event.data.productId,
      variant_id: event.data.variantId,
      trial: event.data.trial,
      expires_at: event.data.expiresAt,
      policy: event.data.policy,
    };
  }

  /** Lifecycle: suspend, reinstate, revoke, renew, threat, clear-threat (see lifecycle below). */
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
    return this.run(authorization, params, body, request, reply, (licenseId, actor, b) => ({
      type: 'SetReservedAccounts',
      licenseId,
      actor,
      usernames: decodeOr400(ReservedAccountsBody, b, 'body').usernames,
    }));
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
