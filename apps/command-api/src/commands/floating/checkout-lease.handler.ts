import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { requestHash } from '../../signing/signer';
import { CheckoutLeaseCommand } from './checkout-lease.command';
import { KeyedHandler } from './idempotency-keys';

@CommandHandler(CheckoutLeaseCommand)
export class CheckoutLeaseHandler extends KeyedHandler<CheckoutLeaseCommand> {
  protected decide({ input, context }: CheckoutLeaseCommand): LicenseCommand {
    const hash = requestHash('checkout', input.licenseId, { fingerprint: input.fingerprint });
    const lease = { leaseId: this.random.id(), requestHash: hash };
    return { type: 'CheckoutLease', actor: context.actor, ...input, ...lease };
  }
}
