import type { CommandOf } from '@lic/domain';
import { LicenseOperation, type Recorded } from '../license-operation';

/** S4: replace the accounts that keep their own session slot. */
export class SetReservedAccountsCommand extends LicenseOperation<
  Omit<CommandOf<'SetReservedAccounts'>, 'type' | 'actor'>,
  Recorded
> {}
