import type { ProductEvent } from '@lic/domain';
import type { ProjectedEvent } from '../projected-event';
import type { Projection, RowChange } from '../row-change';

type ProductProjected = Extract<ProjectedEvent, { kind: 'product' }>;

/** Products and their variants (policies), as the product streams define them. */
export const productsProjection: Projection<ProductProjected> = (p, view): RowChange[] => {
  const e: ProductEvent = p.event;
  const d = e.data;
  const product = view.product(d.productId);
  const stamp: RowChange[] = product
    ? [{ table: 'products', row: { ...product, lastPosition: p.recorded.position } }]
    : [];
  switch (e.type) {
    case 'ProductCreated.v1':
      if (product) return stamp;
      return [
        {
          table: 'products',
          row: {
            productId: d.productId,
            name: e.data.name,
            createdAt: d.at,
            lastPosition: p.recorded.position,
          },
        },
      ];
    case 'VariantDefined.v1':
      return [
        ...stamp,
        {
          table: 'variants',
          row: {
            productId: d.productId,
            variantId: e.data.variantId,
            licenseType: e.data.policy.licenseType,
            policy: JSON.stringify(e.data.policy),
            preset: e.data.preset,
            retired: false,
            definedAt: d.at,
            updatedAt: d.at,
          },
        },
      ];
    case 'VariantPolicyChanged.v1': {
      const variant = view.variant(d.productId, e.data.variantId);
      if (!variant) return stamp;
      return [
        ...stamp,
        {
          table: 'variants',
          row: {
            ...variant,
            licenseType: e.data.policy.licenseType,
            policy: JSON.stringify(e.data.policy),
            retired: false,
            updatedAt: d.at,
          },
        },
      ];
    }
    case 'VariantRetired.v1': {
      const variant = view.variant(d.productId, e.data.variantId);
      if (!variant) return stamp;
      return [...stamp, { table: 'variants', row: { ...variant, retired: true, updatedAt: d.at } }];
    }
  }
};
