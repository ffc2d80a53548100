import { CommandHandler } from '@nestjs/cqrs';
import type { ProductCommand } from '@lic/domain';
import { RetireVariantCommand } from './retire-variant.command';
import { ProductHandler } from './product-operation';

@CommandHandler(RetireVariantCommand)
export class RetireVariantHandler extends ProductHandler<RetireVariantCommand, object> {
  protected decide({ input, context }: RetireVariantCommand): ProductCommand {
    return { type: 'RetireVariant', actor: context.actor, ...input };
  }

  protected answer() {
    return {};
  }
}
