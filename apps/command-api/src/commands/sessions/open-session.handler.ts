import { CommandHandler } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import { LicenseHandler } from '../license-operation';
import { eventOf, type Decision } from '../license-use-case';
import { OpenSessionCommand, type Opened } from './open-session.command';

@CommandHandler(OpenSessionCommand)
export class OpenSessionHandler extends LicenseHandler<OpenSessionCommand, Opened> {
  protected decide({ input, context }: OpenSessionCommand): LicenseCommand {
    return { type: 'OpenSession', actor: context.actor, ...input, sessionId: this.random.id() };
  }

  protected answer({ events }: Decision): Opened {
    const opened = eventOf(events, 'SessionOpened.v1');
    if (!opened) throw new Error('an accepted OpenSession opened no session');
    return opened.data;
  }
}
