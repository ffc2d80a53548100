import { Entity } from 'typeorm';
import { BoolColumn, InstantColumn, NameColumn, PrimaryIdColumn, TextColumn } from '../columns';

@Entity({ name: 'variants' })
export class VariantRow {
  @PrimaryIdColumn('product_id') productId!: string;
  @PrimaryIdColumn('variant_id') variantId!: string;
  @NameColumn('license_type', 16) licenseType!: string;
  /** JSON. */
  @TextColumn('policy') policy!: string;
  @TextColumn('preset', { nullable: true }) preset!: string | null;
  @BoolColumn('retired') retired!: boolean;
  @InstantColumn('defined_at') definedAt!: string;
  @InstantColumn('updated_at') updatedAt!: string;
}
