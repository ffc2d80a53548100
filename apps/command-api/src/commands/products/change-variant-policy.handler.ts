import { CommandHandler } from '@nestjs/cqrs';
import type { ProductCommand } from '@lic/domain';
import { ChangeVariantPolicyCommand } from './change-variant-policy.command';
import { ProductChangeHandler } from './product-operation';

@CommandHandler(ChangeVariantPolicyCommand)
export class ChangeVariantPolicyHandler extends ProductChangeHandler<ChangeVariantPolicyCommand> {
  protected decide({ input, context }: ChangeVariantPolicyCommand): ProductCommand {
    return { type: 'ChangeVariantPolicy', actor: context.actor, ...input };
  }
}
