import type { CommandOf } from '@lic/domain';
import { LicenseOperation } from '../license-operation';

/** What a deactivation freed: the machine's seat (M3), and the leases it held (F7). */
export interface Deactivated {
  readonly machineReleased: boolean;
  readonly leasesReleased: number;
}

/** M3, F7: a machine gives its seat back. */
export class DeactivateMachineCommand extends LicenseOperation<
  Omit<CommandOf<'DeactivateMachine'>, 'type' | 'actor'>,
  Deactivated
> {}
