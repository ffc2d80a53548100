import { Body, Controller, Headers, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Policy, applyOverride, presets, type ProductCommand } from '@lic/domain';
import { Inject } from '@nestjs/common';
import type * as t from 'io-ts';
import { Authenticator } from '../auth/authenticator';
import { DecideProduct } from '../commands/decide-product.command';
import { badRequest, NoBody, decodeOr400 } from '@lic/app';
import { acceptedAny } from '../http/outcome';
import { contextOf } from '../http/request-context';
import type { Random } from '../infrastructure/random';
import { RANDOM } from '../infrastructure/tokens';
import {
  ChangePolicyBody,
  CreateProductBody,
  DefineVariantBody,
  ProductParam,
  VariantParam,
} from './admin.requests';

/**
 * A new variant's policy: a preset with the admin's partial override merged in (deep), or a
 * complete policy. Either way the result is decoded with every bound, so an override is merged
 * or refused (400 naming the field and the limit), never dropped.
 */
const variantPolicy = (body: t.TypeOf<typeof DefineVariantBody>): Policy => {
  if (body.preset !== undefined) {
    return decodeOr400(
      Policy,
      applyOverride(presets[body.preset], body.policy ?? {}),
      'body.policy',
    );
  }
  if (body.policy === undefined) {
    throw badRequest('body.policy is required unless body.preset is given', [
      { field: 'body.policy', problem: 'is required unless body.preset is given' },
    ]);
  }
  return decodeOr400(Policy, body.policy, 'body.policy');
};

/** Products and their variants (seed 002 "Variants"); the six presets (seeds 002 and 000). */
@Controller('admin/v1/products')
export class ProductsController {
  constructor(
    private readonly auth: Authenticator,
    private readonly commands: CommandBus,
    @Inject(RANDOM) private readonly random: Random,
  ) {}

  @Post()
  @HttpCode(201)
  async create(
    @Headers('authorization') authorization: string | undefined,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const operator = await this.auth.operator(authorization, 'admin');
    const body = decodeOr400(CreateProductBody, raw, 'body');
    const productId = body.product_id ?? this.random.id('prod');
    const actor = { kind: 'admin' as const, id: operator.subject };
    const events = await this.run(
      {
        type: 'CreateProduct',
        productId,
        actor,
        name: body.name,
        withPresets: body.with_presets ?? true,
      },
      request,
      reply,
    );
    return {
      product_id: productId,
      name: body.name,
      variants: events.flatMap((e) => (e.type === 'VariantDefined.v1' ? [e.data.variantId] : [])),
    };
  }

  @Post(':id/variants')
  @HttpCode(201)
  async defineVariant(
    @Headers('authorization') authorization: string | undefined,
    @Param() params: unknown,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const operator = await this.auth.operator(authorization, 'admin');
    const { id } = decodeOr400(ProductParam, params, 'path');
    const body = decodeOr400(DefineVariantBody, raw, 'body');
    const policy = variantPolicy(body);
    await this.run(
      {
        type: 'DefineVariant',
        productId: id,
        actor: { kind: 'admin', id: operator.subject },
        variantId: body.variant_id,
        policy,
        preset: body.preset ?? null,
      },
      request,
      reply,
    );
    return { product_id: id, variant_id: body.variant_id, policy };
  }

  @Put(':id/variants/:variantId')
  @HttpCode(200)
  async changePolicy(
    @Headers('authorization') authorization: string | undefined,
    @Param() params: unknown,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const operator = await this.auth.operator(authorization, 'admin');
    const { id, variantId } = decodeOr400(VariantParam, params, 'path');
    const { policy } = decodeOr400(ChangePolicyBody, raw, 'body');
    await this.run(
      {
        type: 'ChangeVariantPolicy',
        productId: id,
        actor: { kind: 'admin', id: operator.subject },
        variantId,
        policy,
      },
      request,
      reply,
    );
    return { product_id: id, variant_id: variantId, policy };
  }

  @Post(':id/variants/:variantId/retire')
  @HttpCode(200)
  async retire(
    @Headers('authorization') authorization: string | undefined,
    @Param() params: unknown,
    @Body() raw: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const operator = await this.auth.operator(authorization, 'admin');
    const { id, variantId } = decodeOr400(VariantParam, params, 'path');
    decodeOr400(NoBody, raw ?? {}, 'body');
    await this.run(
      {
        type: 'RetireVariant',
        productId: id,
        actor: { kind: 'admin', id: operator.subject },
        variantId,
      },
      request,
      reply,
    );
    return { product_id: id, variant_id: variantId, retired: true };
  }

  private async run(command: ProductCommand, request: FastifyRequest, reply: FastifyReply) {
    const decided = await this.commands.execute(
      new DecideProduct(command, contextOf(request, command.actor)),
    );
    return acceptedAny(decided, reply);
  }
}
