import * as t from 'io-ts';
import { Actor } from '../shared/actor';
import { Id, Instant, RecordedText } from '../shared/codecs';
import { RecordedPolicy } from './policy';

const productEvent = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type(
    {
      type: t.literal(type),
      data: t.type({ productId: Id, at: Instant, actor: Actor, ...props }),
    },
    type,
  );

export const ProductCreated = productEvent('ProductCreated.v1', { name: RecordedText });
export const VariantDefined = productEvent('VariantDefined.v1', {
  variantId: Id,
  policy: RecordedPolicy,
  /** The preset it was created from, if any. */
  preset: t.union([t.string, t.null]),
});
export const VariantPolicyChanged = productEvent('VariantPolicyChanged.v1', {
  variantId: Id,
  policy: RecordedPolicy,
});
export const VariantRetired = productEvent('VariantRetired.v1', { variantId: Id });

export const ProductEvent = t.union([
  ProductCreated,
  VariantDefined,
  VariantPolicyChanged,
  VariantRetired,
]);
export type ProductEvent = t.TypeOf<typeof ProductEvent>;
