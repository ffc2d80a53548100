import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { EventOf, LicenseCommand } from '@lic/domain';
import type { Random } from '../../infrastructure/random';
import { RANDOM } from '../../infrastructure/tokens';
import { LicenseHandler } from '../license-operation';
import { LicenseUseCase, eventOf, type Decision } from '../license-use-case';
import { OpenSessionCommand } from './open-session.command';

type Opened = EventOf<'SessionOpened.v1'>['data'];

@CommandHandler(OpenSessionCommand)
export class OpenSessionHandler extends LicenseHandler<OpenSessionCommand, Opened> {
  constructor(
    licenses: LicenseUseCase,
    @Inject(RANDOM) private readonly random: Random,
  ) {
    super(licenses);
  }

  protected decide({ input, context }: OpenSessionCommand): LicenseCommand {
    return { type: 'OpenSession', actor: context.actor, ...input, sessionId: this.random.id() };
  }

  protected answer({ events }: Decision): Opened {
    const opened = eventOf(events, 'SessionOpened.v1');
    if (!opened) throw new Error('an accepted OpenSession opened no session');
    return opened.data;
  }
}
