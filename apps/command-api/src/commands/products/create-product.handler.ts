import { CommandHandler } from '@nestjs/cqrs';
import type { ProductCommand, ProductEvent } from '@lic/domain';
import { CreateProductCommand } from './create-product.command';
import { ProductHandler } from './product-operation';

@CommandHandler(CreateProductCommand)
export class CreateProductHandler extends ProductHandler<
  CreateProductCommand,
  { variants: readonly string[] }
> {
  protected decide({ input, context }: CreateProductCommand): ProductCommand {
    return { type: 'CreateProduct', actor: context.actor, ...input };
  }

  protected answer(events: readonly ProductEvent[]) {
    return {
      variants: events.flatMap((e) => (e.type === 'VariantDefined.v1' ? [e.data.variantId] : [])),
    };
  }
}
