import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Roles } from '../auth/roles.decorator';
import { ListProducts } from './queries';

/** Products and their variants (the policies licenses are issued from). */
@Controller('query/v1/products')
@Roles('admin')
export class ProductsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  list() {
    return this.queries.execute(new ListProducts());
  }
}
