import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { ActionHandler } from '../license-operation';
import { ClearThreatLevelCommand } from './clear-threat-level.command';

@CommandHandler(ClearThreatLevelCommand)
export class ClearThreatLevelHandler extends ActionHandler<ClearThreatLevelCommand> {
  protected decide({ input, context }: ClearThreatLevelCommand): LicenseCommand {
    return { type: 'ClearThreatLevel', actor: context.actor, ...input };
  }
}
