import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import type { Random } from '../../infrastructure/random';
import { RANDOM } from '../../infrastructure/tokens';
import { requestHash } from '../../signing/signer';
import { LicenseHandler } from '../license-operation';
import { LicenseUseCase, type Decision } from '../license-use-case';
import { CheckoutLeaseCommand } from './checkout-lease.command';
import { IdempotencyKeys, keyedOutcome, type KeyedOutcome } from './idempotency-keys';

@CommandHandler(CheckoutLeaseCommand)
export class CheckoutLeaseHandler extends LicenseHandler<CheckoutLeaseCommand, KeyedOutcome> {
  constructor(
    licenses: LicenseUseCase,
    private readonly keys: IdempotencyKeys,
    @Inject(RANDOM) private readonly random: Random,
  ) {
    super(licenses);
  }

  override execute(operation: CheckoutLeaseCommand) {
    const { licenseId, idempotencyKey } = operation.input;
    return this.keys.run(licenseId, idempotencyKey, () => super.execute(operation));
  }

  protected decide({ input, context }: CheckoutLeaseCommand): LicenseCommand {
    const hash = requestHash('checkout', input.licenseId, { fingerprint: input.fingerprint });
    const lease = { leaseId: this.random.id(), requestHash: hash };
    return { type: 'CheckoutLease', actor: context.actor, ...input, ...lease };
  }

  protected answer(decision: Decision): KeyedOutcome {
    return keyedOutcome(decision);
  }
}
