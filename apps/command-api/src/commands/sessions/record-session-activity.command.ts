import type { CommandOf } from '@lic/domain';
import { LicenseOperation } from '../license-operation';

/** S2, S5, S6: activity keeps a session alive; its new expiry (null: nothing extended). */
export class RecordSessionActivityCommand extends LicenseOperation<
  Omit<CommandOf<'RecordSessionActivity'>, 'type' | 'actor'>,
  { expiresAt: string | null }
> {}
