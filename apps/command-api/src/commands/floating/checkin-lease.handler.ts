import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { leaseIdOf } from '../../client/client.requests';
import { requestHash } from '../../signing/signer';
import { CheckinLeaseCommand } from './checkin-lease.command';
import { KeyedHandler } from './idempotency-keys';

@CommandHandler(CheckinLeaseCommand)
export class CheckinLeaseHandler extends KeyedHandler<CheckinLeaseCommand> {
  protected decide({ input, context }: CheckinLeaseCommand): LicenseCommand {
    const { licenseId, leaseToken, idempotencyKey } = input;
    const hash = requestHash('checkin', licenseId, { lease_token: leaseToken });
    const lease = { leaseId: leaseIdOf(leaseToken), idempotencyKey, requestHash: hash };
    return { type: 'CheckinLease', licenseId, actor: context.actor, ...lease };
  }
}
