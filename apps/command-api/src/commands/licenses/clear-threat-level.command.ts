import type { CommandOf } from '@lic/domain';
import { LicenseOperation, type Recorded } from '../license-operation';

/** T2: end a degraded state. */
export class ClearThreatLevelCommand extends LicenseOperation<
  Omit<CommandOf<'ClearThreatLevel'>, 'type' | 'actor'>,
  Recorded
> {}
