import { Inject, Injectable } from '@nestjs/common';
import { toIso } from '@lic/domain';
import type { Clock } from '@lic/clock';
import { CLOCK } from '../infrastructure/tokens';
import { CheckpointWatcher } from './checkpoint-watcher';

/** The instant a live read answers for, and how far the read models had been projected. */
export interface Moment {
  readonly now: string;
  /** The projector's checkpoint as a decimal string; null before the first event. */
  readonly position: string | null;
}

/** Takes the moment of a live read: the clock's instant, then the projector's checkpoint. */
@Injectable()
export class ReadMoment {
  constructor(
    private readonly watcher: CheckpointWatcher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): string {
    return toIso(this.clock.now());
  }

  async take(): Promise<Moment> {
    const now = this.now();
    const checkpoint = await this.watcher.current();
    return { now, position: checkpoint.position?.toString(10) ?? null };
  }
}
