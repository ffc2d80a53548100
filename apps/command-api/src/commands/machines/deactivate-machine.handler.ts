import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { LicenseHandler } from '../license-operation';
import type { Decision } from '../license-use-case';
import { DeactivateMachineCommand, type Deactivated } from './deactivate-machine.command';

@CommandHandler(DeactivateMachineCommand)
export class DeactivateMachineHandler extends LicenseHandler<
  DeactivateMachineCommand,
  Deactivated
> {
  protected decide({ input, context }: DeactivateMachineCommand): LicenseCommand {
    return { type: 'DeactivateMachine', actor: context.actor, ...input };
  }

  protected answer({ events }: Decision): Deactivated {
    return {
      machineReleased: events.some((e) => e.type === 'MachineDeactivated.v1'),
      leasesReleased: events.filter((e) => e.type === 'LeaseCheckedIn.v1').length,
    };
  }
}
