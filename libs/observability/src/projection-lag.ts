import type { EventStore } from '@lic/event-store';

export interface Lag {
  /** Projected-stream events in the store after the checkpoint, counted up to the cap. */
  readonly events: number;
  /** True when there are more than `events`. */
  readonly capped: boolean;
  /** When the oldest event not yet projected was recorded, if any. */
  readonly oldestRecordedAt: string | null;
}

/**
 * Measures the projection lag in events by reading `$all` after the checkpoint, at most `cap`
 * events: exact on every store (EventStoreDB positions are byte offsets, not counts). Only
 * streams the projector follows (`prefixes`) count.
 */
export class ProjectionLagProbe {
  constructor(
    private readonly eventStore: EventStore,
    private readonly cap: number,
    private readonly prefixes: readonly string[],
  ) {}

  async measure(checkpoint: bigint | null): Promise<Lag> {
    let events = 0;
    let oldestRecordedAt: string | null = null;
    const options = {
      maxCount: this.cap + 1,
      ...(checkpoint === null ? {} : { after: checkpoint }),
    };
    for await (const e of this.eventStore.readAll(options)) {
      if (!this.prefixes.some((p) => e.streamName.startsWith(p))) continue;
      oldestRecordedAt ??= e.recordedAt;
      events++;
    }
    return { events: Math.min(events, this.cap), capped: events > this.cap, oldestRecordedAt };
  }
}

/** The age of the oldest unprojected event at `now` (ms since the epoch), in seconds; 0 when caught up. */
export const lagSeconds = (lag: Lag, now: number): number =>
  lag.oldestRecordedAt === null ? 0 : Math.max(0, (now - Date.parse(lag.oldestRecordedAt)) / 1000);
