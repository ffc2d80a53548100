import { LicenseOperation } from '../license-operation';
import type { KeyedOutcome } from './idempotency-keys';

/** F1, F4, F6: take a floating seat, bound to the request's Idempotency-Key. */
export class CheckoutLeaseCommand extends LicenseOperation<
  { licenseId: string; fingerprint: string; idempotencyKey: string },
  KeyedOutcome
> {}
