import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { ActionHandler } from '../license-operation';
import { ReinstateLicenseCommand } from './reinstate-license.command';

@CommandHandler(ReinstateLicenseCommand)
export class ReinstateLicenseHandler extends ActionHandler<ReinstateLicenseCommand> {
  protected decide({ input, context }: ReinstateLicenseCommand): LicenseCommand {
    return { type: 'ReinstateLicense', actor: context.actor, ...input };
  }
}
