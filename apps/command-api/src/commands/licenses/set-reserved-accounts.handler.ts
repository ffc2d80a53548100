import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { ActionHandler } from '../license-operation';
import { SetReservedAccountsCommand } from './set-reserved-accounts.command';

@CommandHandler(SetReservedAccountsCommand)
export class SetReservedAccountsHandler extends ActionHandler<SetReservedAccountsCommand> {
  protected decide({ input, context }: SetReservedAccountsCommand): LicenseCommand {
    return { type: 'SetReservedAccounts', actor: context.actor, ...input };
  }
}
