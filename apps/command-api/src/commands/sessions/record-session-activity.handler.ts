import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { LicenseHandler } from '../license-operation';
import { eventOf, type Decision } from '../license-use-case';
import { RecordSessionActivityCommand } from './record-session-activity.command';

@CommandHandler(RecordSessionActivityCommand)
export class RecordSessionActivityHandler extends LicenseHandler<
  RecordSessionActivityCommand,
  { expiresAt: string | null }
> {
  protected decide({ input, context }: RecordSessionActivityCommand): LicenseCommand {
    return { type: 'RecordSessionActivity', actor: context.actor, ...input };
  }

  protected answer({ events }: Decision) {
    return { expiresAt: eventOf(events, 'SessionActivityRecorded.v1')?.data.expiresAt ?? null };
  }
}
