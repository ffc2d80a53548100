import type { ProductCommand } from '@lic/domain';
import { ProductOperation } from './product-operation';

/** Seed 002's variants: a policy under a name, from a preset or complete. */
export class DefineVariantCommand extends ProductOperation<
  Omit<Extract<ProductCommand, { type: 'DefineVariant' }>, 'type' | 'actor'>,
  object
> {}
