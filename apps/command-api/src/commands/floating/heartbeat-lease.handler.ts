import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { LicenseHandler } from '../license-operation';
import { eventOf, type Decision } from '../license-use-case';
import { HeartbeatLeaseCommand } from './heartbeat-lease.command';

@CommandHandler(HeartbeatLeaseCommand)
export class HeartbeatLeaseHandler extends LicenseHandler<
  HeartbeatLeaseCommand,
  { leaseExpiresAt: string | null }
> {
  protected decide({ input, context }: HeartbeatLeaseCommand): LicenseCommand {
    return { type: 'HeartbeatLease', actor: context.actor, ...input };
  }

  protected answer({ events }: Decision) {
    return { leaseExpiresAt: eventOf(events, 'LeaseHeartbeat.v1')?.data.expiresAt ?? null };
  }
}
