import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AggregateRepository, Decided } from '@lic/command-pipeline';
import type { ProductCommand, ProductEvent, ProductState } from '@lic/domain';
import { PRODUCT_REPOSITORY } from '../infrastructure/tokens';
import { DecideProduct } from './decide-product.command';
import { metadataOf } from './request-context';

@CommandHandler(DecideProduct)
export class DecideProductHandler implements ICommandHandler<DecideProduct> {
  constructor(
    @Inject(PRODUCT_REPOSITORY)
    private readonly products: AggregateRepository<ProductCommand, ProductEvent, ProductState>,
  ) {}

  execute({ command, context }: DecideProduct): Promise<Decided<ProductEvent, ProductState>> {
    return this.products.handle(command.productId, command, metadataOf(context));
  }
}
