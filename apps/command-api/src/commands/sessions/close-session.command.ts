import type { CommandOf } from '@lic/domain';
import { LicenseOperation } from '../license-operation';

/** S3, S5: the user logs out; the slot is free at once. */
export class CloseSessionCommand extends LicenseOperation<
  Omit<CommandOf<'CloseSession'>, 'type' | 'actor'>,
  { closed: true }
> {}
