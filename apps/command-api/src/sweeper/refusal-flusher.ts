import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { toIso } from '@lic/domain';
import { DecideLicense } from '../commands/decide-license.command';
import { RefusalTally } from './refusal-tally';
import { systemContext } from './system-context';

const EVERY_MS = 60_000;

/** Records the tallied refusals (U2) once a minute, and at shutdown. */
@Injectable()
export class RefusalFlusher implements OnApplicationBootstrap {
  private readonly logger = new Logger('refusal-tally');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly tally: RefusalTally,
    private readonly commands: CommandBus,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), EVERY_MS);
    this.timer.unref();
  }

  /** Records what is still tallied; called by Lifecycle at shutdown. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  async flush(): Promise<void> {
    for (const e of this.tally.drain()) {
      const context = systemContext('refusal-tally');
      try {
        await this.commands.execute(
          new DecideLicense(
            {
              type: 'TallyRefusals',
              licenseId: e.licenseId,
              actor: context.actor,
              kind: e.kind,
              reason: e.reason,
              count: e.count,
              from: toIso(e.from),
              to: toIso(e.to),
            },
            context,
          ),
        );
      } catch (error) {
        this.logger.error(`cannot record tallied refusals: ${String(error)}`);
        this.tally.restore([e]);
      }
    }
  }
}
