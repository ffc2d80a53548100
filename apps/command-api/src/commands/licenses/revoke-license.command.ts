import type { CommandOf } from '@lic/domain';
import { LicenseOperation, type Recorded } from '../license-operation';

/** O1: revoke a license for good; its seats are freed. */
export class RevokeLicenseCommand extends LicenseOperation<
  Omit<CommandOf<'RevokeLicense'>, 'type' | 'actor'>,
  Recorded
> {}
