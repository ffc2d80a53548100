import type { ProductCommand } from '@lic/domain';
import { ProductOperation } from './product-operation';

/** No more licenses of this variant are issued. */
export class RetireVariantCommand extends ProductOperation<
  Omit<Extract<ProductCommand, { type: 'RetireVariant' }>, 'type' | 'actor'>,
  object
> {}
