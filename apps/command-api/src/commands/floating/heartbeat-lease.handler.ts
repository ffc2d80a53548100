import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { LicenseHandler } from '../license-operation';
import { eventOf, type Decision } from '../license-use-case';
import { HeartbeatLeaseCommand, type Heartbeat } from './heartbeat-lease.command';

@CommandHandler(HeartbeatLeaseCommand)
export class HeartbeatLeaseHandler extends LicenseHandler<HeartbeatLeaseCommand, Heartbeat> {
  protected decide({ input, context }: HeartbeatLeaseCommand): LicenseCommand {
    return { type: 'HeartbeatLease', actor: context.actor, ...input };
  }

  protected answer({ events }: Decision): Heartbeat {
    const beat = eventOf(events, 'LeaseHeartbeat.v1');
    return { leaseExpiresAt: beat === undefined ? null : beat.data.expiresAt };
  }
}
