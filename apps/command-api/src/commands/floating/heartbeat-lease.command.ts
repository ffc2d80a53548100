import type { CommandOf } from '@lic/domain';
import { LicenseOperation } from '../license-operation';

/** The lease's new expiry (null: nothing was extended). */
export interface Heartbeat {
  readonly leaseExpiresAt: string | null;
}

/** F2, F5: keep a live lease alive. */
export class HeartbeatLeaseCommand extends LicenseOperation<
  Omit<CommandOf<'HeartbeatLease'>, 'type' | 'actor'>,
  Heartbeat
> {}
