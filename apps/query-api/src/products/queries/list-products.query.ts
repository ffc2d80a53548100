import { Query } from '@nestjs/cqrs';
import type { ProductView } from '../product.view';

/** Products and their variants (the policies licenses are issued from). */
export class ListProducts extends Query<{ items: ProductView[] }> {}
