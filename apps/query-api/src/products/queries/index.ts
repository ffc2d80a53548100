import { ListProductsHandler } from './list-products.handler';

export { ListProducts } from './list-products.query';
export const PRODUCT_QUERY_HANDLERS = [ListProductsHandler];
