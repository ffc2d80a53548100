import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { ActionHandler } from '../license-operation';
import { ReleaseLeaseCommand } from './release-lease.command';

@CommandHandler(ReleaseLeaseCommand)
export class ReleaseLeaseHandler extends ActionHandler<ReleaseLeaseCommand> {
  protected decide({ input, context }: ReleaseLeaseCommand): LicenseCommand {
    return { type: 'ReleaseLease', actor: context.actor, ...input };
  }
}
