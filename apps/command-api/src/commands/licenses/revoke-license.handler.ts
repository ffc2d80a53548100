import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { ActionHandler } from '../license-operation';
import { RevokeLicenseCommand } from './revoke-license.command';

@CommandHandler(RevokeLicenseCommand)
export class RevokeLicenseHandler extends ActionHandler<RevokeLicenseCommand> {
  protected decide({ input, context }: RevokeLicenseCommand): LicenseCommand {
    return { type: 'RevokeLicense', actor: context.actor, ...input };
  }
}
