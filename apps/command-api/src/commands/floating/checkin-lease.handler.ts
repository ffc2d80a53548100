import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { leaseIdOf } from '../../client/client.requests';
import { requestHash } from '../../signing/signer';
import { LicenseHandler } from '../license-operation';
import { LicenseUseCase, type Decision } from '../license-use-case';
import { CheckinLeaseCommand } from './checkin-lease.command';
import { IdempotencyKeys, keyedOutcome, type KeyedOutcome } from './idempotency-keys';

@CommandHandler(CheckinLeaseCommand)
export class CheckinLeaseHandler extends LicenseHandler<CheckinLeaseCommand, KeyedOutcome> {
  constructor(
    licenses: LicenseUseCase,
    private readonly keys: IdempotencyKeys,
  ) {
    super(licenses);
  }

  override execute(operation: CheckinLeaseCommand) {
    const { licenseId, idempotencyKey } = operation.input;
    return this.keys.run(licenseId, idempotencyKey, () => super.execute(operation));
  }

  protected decide({ input, context }: CheckinLeaseCommand): LicenseCommand {
    const { licenseId, leaseToken, idempotencyKey } = input;
    const hash = requestHash('checkin', licenseId, { lease_token: leaseToken });
    const lease = { leaseId: leaseIdOf(leaseToken), idempotencyKey, requestHash: hash };
    return { type: 'CheckinLease', licenseId, actor: context.actor, ...lease };
  }

  protected answer(decision: Decision): KeyedOutcome {
    return keyedOutcome(decision);
  }
}
