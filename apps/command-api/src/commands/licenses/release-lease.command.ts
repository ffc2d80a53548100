import type { CommandOf } from '@lic/domain';
import { LicenseOperation, type Recorded } from '../license-operation';

/** F-lease release: free a floating seat at once. */
export class ReleaseLeaseCommand extends LicenseOperation<
  Omit<CommandOf<'ReleaseLease'>, 'type' | 'actor'>,
  Recorded
> {}
