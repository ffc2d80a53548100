import type { CommandOf } from '@lic/domain';
import { LicenseOperation, type Recorded } from '../license-operation';

/** O1: lift a suspension. */
export class ReinstateLicenseCommand extends LicenseOperation<
  Omit<CommandOf<'ReinstateLicense'>, 'type' | 'actor'>,
  Recorded
> {}
