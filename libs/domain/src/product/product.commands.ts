import * as t from 'io-ts';
import { Actor } from '../shared/actor';
import { Id, Text } from '../shared/codecs';
import { Policy } from './policy';

const command = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), productId: Id, actor: Actor, ...props }, type);

export const CreateProduct = command('CreateProduct', {
  name: Text,
  /** Define the six presets (seed 002's five variants, seed 000's user-sessions) as well. */
  withPresets: t.boolean,
});
export const DefineVariant = command('DefineVariant', {
  variantId: Id,
  policy: Policy,
  preset: t.union([t.string, t.null]),
});
export const ChangeVariantPolicy = command('ChangeVariantPolicy', {
  variantId: Id,
  policy: Policy,
});
export const RetireVariant = command('RetireVariant', { variantId: Id });

export const ProductCommand = t.union([
  CreateProduct,
  DefineVariant,
  ChangeVariantPolicy,
  RetireVariant,
]);
export type ProductCommand = t.TypeOf<typeof ProductCommand>;
