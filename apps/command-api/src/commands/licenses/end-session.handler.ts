import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { ActionHandler } from '../license-operation';
import { EndSessionCommand } from './end-session.command';

@CommandHandler(EndSessionCommand)
export class EndSessionHandler extends ActionHandler<EndSessionCommand> {
  protected decide({ input, context }: EndSessionCommand): LicenseCommand {
    return { type: 'EndSession', actor: context.actor, ...input };
  }
}
