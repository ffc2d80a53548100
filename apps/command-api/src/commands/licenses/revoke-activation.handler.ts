import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { ActionHandler } from '../license-operation';
import { RevokeActivationCommand } from './revoke-activation.command';

@CommandHandler(RevokeActivationCommand)
export class RevokeActivationHandler extends ActionHandler<RevokeActivationCommand> {
  protected decide({ input, context }: RevokeActivationCommand): LicenseCommand {
    return { type: 'RevokeActivation', actor: context.actor, ...input };
  }
}
