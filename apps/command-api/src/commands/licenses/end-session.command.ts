import type { CommandOf } from '@lic/domain';
import { LicenseOperation, type Recorded } from '../license-operation';

/** S5: end a user's session at once. */
export class EndSessionCommand extends LicenseOperation<
  Omit<CommandOf<'EndSession'>, 'type' | 'actor'>,
  Recorded
> {}
