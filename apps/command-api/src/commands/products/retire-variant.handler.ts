import { CommandHandler } from '@nestjs/cqrs';
import type { ProductCommand } from '@lic/domain';
import { RetireVariantCommand } from './retire-variant.command';
import { ProductChangeHandler } from './product-operation';

@CommandHandler(RetireVariantCommand)
export class RetireVariantHandler extends ProductChangeHandler<RetireVariantCommand> {
  protected decide({ input, context }: RetireVariantCommand): ProductCommand {
    return { type: 'RetireVariant', actor: context.actor, ...input };
  }
}
