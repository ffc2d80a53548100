import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { requestHash } from '../../signing/signer';
import { CheckoutLeaseCommand } from './checkout-lease.command';
import { KeyedHandler } from './idempotency-keys';

@CommandHandler(CheckoutLeaseCommand)
export class CheckoutLeaseHandler extends KeyedHandler<CheckoutLeaseCommand> {
  protected decide({ input, context }: CheckoutLeaseCommand): LicenseCommand {
    // F6: a name is part of the request; a request without one hashes as it always did.
    const hash = requestHash(
      'checkout',
      input.licenseId,
      input.hostname === null
        ? { fingerprint: input.fingerprint }
        : { fingerprint: input.fingerprint, hostname: input.hostname },
    );
    const lease = { leaseId: this.random.id(), requestHash: hash };
    return { type: 'CheckoutLease', actor: context.actor, ...input, ...lease };
  }
}
