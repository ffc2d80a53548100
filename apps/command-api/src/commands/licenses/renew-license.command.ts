import type { CommandOf } from '@lic/domain';
import { LicenseOperation, type Recorded } from '../license-operation';

/** O7: run a license longer (by its policy's term, or `days`). */
export class RenewLicenseCommand extends LicenseOperation<
  Omit<CommandOf<'RenewLicense'>, 'type' | 'actor'>,
  Recorded
> {}
