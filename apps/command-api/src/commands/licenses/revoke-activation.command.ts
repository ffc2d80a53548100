import type { CommandOf } from '@lic/domain';
import { LicenseOperation, type Recorded } from '../license-operation';

/** M3: free a machine's seat at once. */
export class RevokeActivationCommand extends LicenseOperation<
  Omit<CommandOf<'RevokeActivation'>, 'type' | 'actor'>,
  Recorded
> {}
