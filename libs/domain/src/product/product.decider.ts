import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { Decider } from '../shared/decider';
import { domainError, type DomainError } from '../shared/errors';
import { toIso } from '../shared/time';
import { validatePolicy, type Policy } from './policy';
import { presetNames, presets } from './presets';
import type { ProductCommand } from './product.commands';
import type { ProductEvent } from './product.events';

export interface Variant {
  readonly variantId: string;
  readonly policy: Policy;
  readonly retired: boolean;
}

export type ProductState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly productId: string;
      readonly name: string;
      readonly variants: Readonly<Record<string, Variant>>;
    };

export const initialProductState: ProductState = { exists: false };

export const evolveProduct = (state: ProductState, event: ProductEvent): ProductState => {
  switch (event.type) {
    case 'ProductCreated.v1':
      return { exists: true, productId: event.data.productId, name: event.data.name, variants: {} };
    case 'VariantDefined.v1':
    case 'VariantPolicyChanged.v1':
      if (!state.exists) return state;
      return {
        ...state,
        variants: {
          ...state.variants,
          [event.data.variantId]: {
            variantId: event.data.variantId,
            policy: event.data.policy,
            retired: false,
          },
        },
      };
    case 'VariantRetired.v1': {
      if (!state.exists) return state;
      const v = state.variants[event.data.variantId];
      return v
        ? { ...state, variants: { ...state.variants, [v.variantId]: { ...v, retired: true } } }
        : state;
    }
  }
};

type Result = E.Either<DomainError, readonly ProductEvent[]>;

export const decideProduct = (
  command: ProductCommand,
  state: ProductState,
  { now }: { now: number },
): Result => {
  const base = { productId: command.productId, at: toIso(now), actor: command.actor };
  if (command.type === 'CreateProduct') {
    if (state.exists) return E.left(domainError('PRODUCT_EXISTS', 'the product already exists'));
    const created: ProductEvent = {
      type: 'ProductCreated.v1',
      data: { ...base, name: command.name },
    };
    const variants: ProductEvent[] = command.withPresets
      ? presetNames.map((name) => ({
          type: 'VariantDefined.v1' as const,
          data: { ...base, variantId: name, policy: presets[name], preset: name },
        }))
      : [];
    return E.right([created, ...variants]);
  }
  if (!state.exists) return E.left(domainError('PRODUCT_NOT_FOUND', 'no such product'));
  const variant = state.variants[command.variantId];
  switch (command.type) {
    case 'DefineVariant':
      if (variant) return E.left(domainError('VARIANT_EXISTS', 'the variant already exists'));
      return pipe(
        validatePolicy(command.policy),
        E.map((policy) => [
          {
            type: 'VariantDefined.v1' as const,
            data: { ...base, variantId: command.variantId, policy, preset: command.preset },
          },
        ]),
      );
    case 'ChangeVariantPolicy':
      if (!variant) return E.left(domainError('VARIANT_NOT_FOUND', 'no such variant'));
      return pipe(
        validatePolicy(command.policy),
        E.map((policy) => [
          {
            type: 'VariantPolicyChanged.v1' as const,
            data: { ...base, variantId: command.variantId, policy },
          },
        ]),
      );
    case 'RetireVariant':
      if (!variant) return E.left(domainError('VARIANT_NOT_FOUND', 'no such variant'));
      if (variant.retired) return E.left(domainError('ALREADY_IN_STATE', 'already retired'));
      return E.right([
        { type: 'VariantRetired.v1', data: { ...base, variantId: command.variantId } },
      ]);
  }
};

export const productDecider: Decider<ProductCommand, ProductEvent, ProductState> = {
  initialState: initialProductState,
  evolve: evolveProduct,
  decide: decideProduct,
};

/** The policy a new license of this variant gets, or why none can be issued. */
export const policyForIssue = (
  state: ProductState,
  variantId: string,
): E.Either<DomainError, Policy> => {
  if (!state.exists) return E.left(domainError('PRODUCT_NOT_FOUND', 'no such product'));
  const v = state.variants[variantId];
  if (!v) return E.left(domainError('VARIANT_NOT_FOUND', `no variant ${variantId}`));
  if (v.retired) return E.left(domainError('VARIANT_RETIRED', `variant ${variantId} is retired`));
  return E.right(v.policy);
};
