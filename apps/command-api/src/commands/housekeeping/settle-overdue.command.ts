import type { CommandOf } from '@lic/domain';
import { LicenseOperation, type Recorded } from '../license-operation';

/** F5, S2, S3, O7: record every expiry already in effect (the sweeper). */
export class SettleOverdueCommand extends LicenseOperation<
  Omit<CommandOf<'SettleOverdue'>, 'type' | 'actor'>,
  Recorded
> {}
