import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { ActionHandler } from '../license-operation';
import { SuspendLicenseCommand } from './suspend-license.command';

@CommandHandler(SuspendLicenseCommand)
export class SuspendLicenseHandler extends ActionHandler<SuspendLicenseCommand> {
  protected decide({ input, context }: SuspendLicenseCommand): LicenseCommand {
    return { type: 'SuspendLicense', actor: context.actor, ...input };
  }
}
