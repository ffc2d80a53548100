import { CommandHandler } from '@nestjs/cqrs';
import type { ProductCommand } from '@lic/domain';
import { DefineVariantCommand } from './define-variant.command';
import { ProductChangeHandler } from './product-operation';

@CommandHandler(DefineVariantCommand)
export class DefineVariantHandler extends ProductChangeHandler<DefineVariantCommand> {
  protected decide({ input, context }: DefineVariantCommand): ProductCommand {
    return { type: 'DefineVariant', actor: context.actor, ...input };
  }
}
