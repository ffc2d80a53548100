import { Entity } from 'typeorm';
import { InstantColumn, PositionColumn, PrimaryIdColumn, TextColumn } from '../columns';

@Entity({ name: 'products' })
export class ProductRow {
  @PrimaryIdColumn('product_id') productId!: string;
  @TextColumn('name') name!: string;
  @InstantColumn('created_at') createdAt!: string;
  @PositionColumn('last_position') lastPosition!: bigint;
}
