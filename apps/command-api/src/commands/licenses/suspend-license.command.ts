import type { CommandOf } from '@lic/domain';
import { LicenseOperation, type Recorded } from '../license-operation';

/** O1: suspend a license: refused online, offline grace by policy (O2). */
export class SuspendLicenseCommand extends LicenseOperation<
  Omit<CommandOf<'SuspendLicense'>, 'type' | 'actor'>,
  Recorded
> {}
