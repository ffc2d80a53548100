import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { ActionHandler } from '../license-operation';
import { SettleOverdueCommand } from './settle-overdue.command';

@CommandHandler(SettleOverdueCommand)
export class SettleOverdueHandler extends ActionHandler<SettleOverdueCommand> {
  protected decide({ input, context }: SettleOverdueCommand): LicenseCommand {
    return { type: 'SettleOverdue', actor: context.actor, ...input };
  }
}
