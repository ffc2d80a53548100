import { presets } from '@lic/domain';
import type { Operation } from '@lic/openapi';
import { ChangePolicyBody, CreateProductBody, DefineVariantBody } from '../admin/admin.requests';
import { ProductAnswer, VariantAnswer, VariantRetiredAnswer } from './answers';
import { adminErrors, eventPosition } from './shared';

const tag = 'admin: products and variants';
const productId = { id: { description: 'the product’s `product_id`' } };
const variantParams = { ...productId, variantId: { description: 'the variant’s `variant_id`' } };
const studio12 = { ...presets.studio, maxMachines: 12 };

/** Products and their variants (seed 002 "Variants"); the six presets. */
export const productOperations: readonly Operation[] = [
  {
    method: 'post',
    path: '/admin/v1/products',
    operationId: 'createProduct',
    summary: 'Create a product, with the six presets as variants',
    description:
      'Creates a product and — unless `with_presets` is false — defines the presets as its variants: `indie`, `studio`, `render-farm`, `site`, `trial` (seed 002) and `user-sessions` (seed 000). Without `product_id` one is generated.',
    tag,
    auth: 'bearer',
    body: CreateProductBody,
    responses: {
      201: {
        description: 'The product and its variants.',
        body: ProductAnswer,
        headers: [eventPosition],
      },
      ...adminErrors({ 409: ['PRODUCT_EXISTS'] }),
    },
    examples: [
      {
        name: 'create',
        summary: 'The Maya plug-in, with the six presets',
        status: 201,
        body: { product_id: 'maya', name: 'Maya plug-in' },
        response: {
          product_id: 'maya',
          name: 'Maya plug-in',
          variants: ['indie', 'studio', 'render-farm', 'site', 'trial', 'user-sessions'],
        },
      },
      {
        name: 'exists',
        summary: 'The product id is taken: 409',
        status: 409,
        body: { product_id: '{product_id}', name: 'Maya plug-in' },
        response: {
          error: {
            code: 'PRODUCT_EXISTS',
            message: 'product maya exists',
            help: 'http://127.0.0.1:3000/docs/glossary#PRODUCT_EXISTS',
          },
        },
      },
    ],
  },
  {
    method: 'post',
    path: '/admin/v1/products/{id}/variants',
    operationId: 'defineVariant',
    summary: 'Define a variant from a preset or a full policy',
    description:
      'Either `{variant_id, preset}` — a copy of a preset’s policy — or `{variant_id, policy}` with every policy field (see the `Policy` schema and the glossary’s policy entry).',
    tag,
    auth: 'bearer',
    params: productId,
    body: DefineVariantBody,
    responses: {
      201: { description: 'The variant’s policy.', body: VariantAnswer, headers: [eventPosition] },
      ...adminErrors({
        404: ['PRODUCT_NOT_FOUND'],
        409: ['VARIANT_EXISTS'],
        422: ['INVALID_POLICY'],
      }),
    },
    examples: [
      {
        name: 'from-preset',
        summary: 'A 10-seat user-session tier (seed 000) from its preset',
        status: 201,
        params: { id: '{product_id}' },
        body: { variant_id: 'team', preset: 'user-sessions' },
        response: { product_id: 'maya', variant_id: 'team', policy: presets['user-sessions'] },
      },
      {
        name: 'full-policy',
        summary: 'A 12-machine studio tier with every field given',
        status: 201,
        params: { id: '{product_id}' },
        body: { variant_id: 'studio-12', policy: studio12 },
        response: { product_id: 'maya', variant_id: 'studio-12', policy: studio12 },
      },
    ],
  },
  {
    method: 'put',
    path: '/admin/v1/products/{id}/variants/{variantId}',
    operationId: 'changeVariantPolicy',
    summary: 'Change a variant’s policy (licenses issued afterwards)',
    description:
      'Licenses keep the policy they were issued with; only new licenses of the variant get the new one.',
    tag,
    auth: 'bearer',
    params: variantParams,
    body: ChangePolicyBody,
    responses: {
      200: { description: 'The new policy.', body: VariantAnswer, headers: [eventPosition] },
      ...adminErrors({
        404: ['PRODUCT_NOT_FOUND', 'VARIANT_NOT_FOUND'],
        422: ['INVALID_POLICY', 'VARIANT_RETIRED'],
      }),
    },
    examples: [
      {
        name: 'change',
        summary: 'Raise the machine cap to 12',
        status: 200,
        params: { id: '{product_id}', variantId: 'studio' },
        body: { policy: studio12 },
        response: { product_id: 'maya', variant_id: 'studio', policy: studio12 },
      },
    ],
  },
  {
    method: 'post',
    path: '/admin/v1/products/{id}/variants/{variantId}/retire',
    operationId: 'retireVariant',
    summary: 'Retire a variant: it issues no new licenses',
    tag,
    auth: 'bearer',
    params: variantParams,
    responses: {
      200: { description: 'Retired.', body: VariantRetiredAnswer, headers: [eventPosition] },
      ...adminErrors({ 404: ['PRODUCT_NOT_FOUND', 'VARIANT_NOT_FOUND'], 422: ['VARIANT_RETIRED'] }),
    },
    examples: [
      {
        name: 'retire',
        summary: 'Stop selling the trial',
        status: 200,
        params: { id: '{product_id}', variantId: 'trial' },
        response: { product_id: 'maya', variant_id: 'trial', retired: true },
      },
    ],
  },
];
