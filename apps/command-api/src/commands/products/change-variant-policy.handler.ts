import { CommandHandler } from '@nestjs/cqrs';
import type { ProductCommand } from '@lic/domain';
import { ChangeVariantPolicyCommand } from './change-variant-policy.command';
import { ProductHandler } from './product-operation';

@CommandHandler(ChangeVariantPolicyCommand)
export class ChangeVariantPolicyHandler extends ProductHandler<ChangeVariantPolicyCommand, object> {
  protected decide({ input, context }: ChangeVariantPolicyCommand): ProductCommand {
    return { type: 'ChangeVariantPolicy', actor: context.actor, ...input };
  }

  protected answer() {
    return {};
  }
}
