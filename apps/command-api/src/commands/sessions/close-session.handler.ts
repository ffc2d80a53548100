import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { LicenseHandler } from '../license-operation';
import { CloseSessionCommand } from './close-session.command';

@CommandHandler(CloseSessionCommand)
export class CloseSessionHandler extends LicenseHandler<CloseSessionCommand, { closed: true }> {
  protected decide({ input, context }: CloseSessionCommand): LicenseCommand {
    return { type: 'CloseSession', actor: context.actor, ...input };
  }

  protected answer() {
    return { closed: true as const };
  }
}
