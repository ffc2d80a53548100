import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { recordSeal, type SealOutcome } from '@lic/command-pipeline';
import type { Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import type { EventStore } from '@lic/event-store';
import type { KeyRing } from '@lic/signing';
import { CLOCK, CONFIG, EVENT_STORE, KEY_RING } from '../infrastructure/tokens';

/**
 * Records a signed seal of the hash chains every SEAL_INTERVAL_MINUTES and a last one at
 * shutdown (Lifecycle calls stop() once requests are drained, before the store closes). Safe
 * with several replicas: a seal appended by another replica first makes this one give way.
 */
@Injectable()
export class SealScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('seals');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SealOutcome | null> | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(KEY_RING) private readonly ring: KeyRing,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = this.config.SEAL_INTERVAL_MINUTES * 60_000;
    this.timer = setInterval(() => void this.seal(), everyMs);
    this.timer.unref();
  }

  /** Stops the schedule and records the last seal. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await this.seal();
  }

  /** One seal (a run already in progress is joined, not doubled). */
  seal(): Promise<SealOutcome | null> {
    this.running ??= this.record().finally(() => (this.running = null));
    return this.running;
  }

  private async record(): Promise<SealOutcome | null> {
    try {
      const outcome = await recordSeal(this.store, this.clock, () => this.ring.current);
      if (outcome.kind === 'sealed') {
        this.logger.log(
          `seal ${outcome.revision} recorded: ${outcome.seal.heads.length} stream heads, root ${outcome.seal.root}`,
        );
      }
      return outcome;
    } catch (error) {
      this.logger.error(`cannot record a seal: ${String(error)}`);
      return null;
    }
  }
}
