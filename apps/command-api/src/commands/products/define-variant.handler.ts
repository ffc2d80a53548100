import { CommandHandler } from '@nestjs/cqrs';
import type { ProductCommand } from '@lic/domain';
import { DefineVariantCommand } from './define-variant.command';
import { ProductHandler } from './product-operation';

@CommandHandler(DefineVariantCommand)
export class DefineVariantHandler extends ProductHandler<DefineVariantCommand, object> {
  protected decide({ input, context }: DefineVariantCommand): ProductCommand {
    return { type: 'DefineVariant', actor: context.actor, ...input };
  }

  protected answer() {
    return {};
  }
}
