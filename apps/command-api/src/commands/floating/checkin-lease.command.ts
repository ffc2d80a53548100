import { LicenseOperation } from '../license-operation';
import type { KeyedOutcome } from './idempotency-keys';

/** F3, F6: give a floating seat back, bound to the request's Idempotency-Key. */
export class CheckinLeaseCommand extends LicenseOperation<
  { licenseId: string; leaseToken: string; idempotencyKey: string },
  KeyedOutcome
> {}
