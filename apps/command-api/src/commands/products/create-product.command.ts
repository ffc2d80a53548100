import type { ProductCommand } from '@lic/domain';
import { ProductOperation } from './product-operation';

/** A product, with the six presets as its variants unless told otherwise. */
export class CreateProductCommand extends ProductOperation<
  Omit<Extract<ProductCommand, { type: 'CreateProduct' }>, 'type' | 'actor'>,
  { variants: readonly string[] }
> {}
