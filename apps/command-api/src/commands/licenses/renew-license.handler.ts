import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { ActionHandler } from '../license-operation';
import { RenewLicenseCommand } from './renew-license.command';

@CommandHandler(RenewLicenseCommand)
export class RenewLicenseHandler extends ActionHandler<RenewLicenseCommand> {
  protected decide({ input, context }: RenewLicenseCommand): LicenseCommand {
    return { type: 'RenewLicense', actor: context.actor, ...input };
  }
}
