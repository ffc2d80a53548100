import type { CommandOf } from '@lic/domain';
import { LicenseOperation, type Recorded } from '../license-operation';

/** T1: degrade a license (short-lived tokens, O3). */
export class RaiseThreatLevelCommand extends LicenseOperation<
  Omit<CommandOf<'RaiseThreatLevel'>, 'type' | 'actor'>,
  Recorded
> {}
