import type { CommandOf } from '@lic/domain';
import { LicenseOperation } from '../license-operation';

/** F2, F5: keep a live lease alive; its new expiry (null: nothing to extend). */
export class HeartbeatLeaseCommand extends LicenseOperation<
  Omit<CommandOf<'HeartbeatLease'>, 'type' | 'actor'>,
  { leaseExpiresAt: string | null }
> {}
