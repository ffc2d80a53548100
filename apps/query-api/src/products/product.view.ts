import type { ProductRow, VariantRow } from '@lic/read-models';

/** Each product with its variants and their policies. */
export const productsView = (products: readonly ProductRow[], variants: readonly VariantRow[]) =>
  products.map((p) => ({
    product_id: p.productId,
    name: p.name,
    created_at: p.createdAt,
    variants: variants
      .filter((v) => v.productId === p.productId)
      .map((v) => ({
        variant_id: v.variantId,
        license_type: v.licenseType,
        preset: v.preset,
        retired: v.retired,
        defined_at: v.definedAt,
        updated_at: v.updatedAt,
        policy: JSON.parse(v.policy) as unknown,
      })),
  }));

export type ProductView = ReturnType<typeof productsView>[number];
