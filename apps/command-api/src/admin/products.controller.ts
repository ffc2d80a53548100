import { Body, Controller, Headers, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Policy, applyOverride, presets } from '@lic/domain';
import { Inject } from '@nestjs/common';
import type * as t from 'io-ts';
import { Authenticator } from '../auth/authenticator';
import { ChangeVariantPolicyCommand } from '../commands/products/change-variant-policy.command';
import { CreateProductCommand } from '../commands/products/create-product.command';
import { DefineVariantCommand } from '../commands/products/define-variant.command';
import { RetireVariantCommand } from '../commands/products/retire-variant.command';
import { badRequest, NoBody, decodeOr400 } from '@lic/app';
import { accepted } from '../http/outcome';
import { adminContext } from '../http/request-context';
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
    const input = { productId, name: body.name, withPresets: body.with_presets ?? true };
    const context = adminContext(request, operator.subject);
    const { variants } = await accepted(
      this.commands.execute(new CreateProductCommand(input, context)),
      reply,
    );
    return { product_id: productId, name: body.name, variants };
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
    const input = {
      productId: id,
      variantId: body.variant_id,
      policy,
      preset: body.preset ?? null,
    };
    const context = adminContext(request, operator.subject);
    await accepted(this.commands.execute(new DefineVariantCommand(input, context)), reply);
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
    const context = adminContext(request, operator.subject);
    const command = new ChangeVariantPolicyCommand({ productId: id, variantId, policy }, context);
    await accepted(this.commands.execute(command), reply);
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
    const context = adminContext(request, operator.subject);
    const command = new RetireVariantCommand({ productId: id, variantId }, context);
    await accepted(this.commands.execute(command), reply);
    return { product_id: id, variant_id: variantId, retired: true };
  }
}
