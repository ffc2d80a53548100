import type { DataSource } from 'typeorm';
import { ProductRow, VariantRow } from '@lic/read-models';

/** Products and their variants, in id order. */
export class ProductReader {
  constructor(private readonly db: DataSource) {}

  all(): Promise<[ProductRow[], VariantRow[]]> {
    return Promise.all([
      this.db.getRepository(ProductRow).find({ order: { productId: 'ASC' } }),
      this.db.getRepository(VariantRow).find({ order: { productId: 'ASC', variantId: 'ASC' } }),
    ]);
  }
}
