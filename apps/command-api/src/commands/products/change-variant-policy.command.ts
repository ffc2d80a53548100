import type { ProductCommand } from '@lic/domain';
import { ProductOperation } from './product-operation';

/** A variant's new policy (licenses issued before keep theirs). */
export class ChangeVariantPolicyCommand extends ProductOperation<
  Omit<Extract<ProductCommand, { type: 'ChangeVariantPolicy' }>, 'type' | 'actor'>,
  object
> {}
