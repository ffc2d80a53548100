import { LicenseOperation } from '../license-operation';
import type { KeyedOutcome } from './idempotency-keys';

/**
 * F1, F4, F6: take a floating seat, bound to the request's Idempotency-Key; F7: the machine's
 * name, when the request gives one, is recorded with the lease.
 */
export class CheckoutLeaseCommand extends LicenseOperation<
  { licenseId: string; fingerprint: string; hostname: string | null; idempotencyKey: string },
  KeyedOutcome
> {}
