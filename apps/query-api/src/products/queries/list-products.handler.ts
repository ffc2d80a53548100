import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ProductReader } from '../product-reader';
import { productsView, type ProductView } from '../product.view';
import { ListProducts } from './list-products.query';

@QueryHandler(ListProducts)
export class ListProductsHandler implements IQueryHandler<ListProducts> {
  constructor(private readonly reader: ProductReader) {}

  async execute(): Promise<{ items: ProductView[] }> {
    const [products, variants] = await this.reader.all();
    return { items: productsView(products, variants) };
  }
}
