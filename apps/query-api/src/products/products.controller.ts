import { Controller, Get, Inject } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ProductRow, VariantRow } from '@lic/read-models';
import { Roles } from '../auth/roles.decorator';
import { READ_DB } from '../infrastructure/tokens';

/** Products and their variants (the policies licenses are issued from). */
@Controller('query/v1/products')
@Roles('admin')
export class ProductsController {
  constructor(@Inject(READ_DB) private readonly db: DataSource) {}

  @Get()
  async list() {
    const [products, variants] = await Promise.all([
      this.db.getRepository(ProductRow).find({ order: { productId: 'ASC' } }),
      this.db.getRepository(VariantRow).find({ order: { productId: 'ASC', variantId: 'ASC' } }),
    ]);
    return {
      items: products.map((p) => ({
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
      })),
    };
  }
}
