import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { LicenseHandler } from '../license-operation';
import type { Decision } from '../license-use-case';
import { ActivateMachineCommand } from './activate-machine.command';
import { grantIn, type Granted } from './granted';

@CommandHandler(ActivateMachineCommand)
export class ActivateMachineHandler extends LicenseHandler<ActivateMachineCommand, Granted> {
  protected decide({ input, context }: ActivateMachineCommand): LicenseCommand {
    const ids = { activationId: this.random.id(), tokenId: this.random.id() };
    return { type: 'ActivateMachine', actor: context.actor, ...input, ...ids };
  }

  protected answer({ events, license }: Decision): Granted {
    const granted = grantIn(events);
    if (!granted) throw new Error('an accepted activation granted no token');
    return { license, ...granted };
  }
}
