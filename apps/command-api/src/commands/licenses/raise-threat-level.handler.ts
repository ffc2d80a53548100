import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { ActionHandler } from '../license-operation';
import { RaiseThreatLevelCommand } from './raise-threat-level.command';

@CommandHandler(RaiseThreatLevelCommand)
export class RaiseThreatLevelHandler extends ActionHandler<RaiseThreatLevelCommand> {
  protected decide({ input, context }: RaiseThreatLevelCommand): LicenseCommand {
    return { type: 'RaiseThreatLevel', actor: context.actor, ...input };
  }
}
