import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import type { Clock } from '@lic/clock';
import type { EventStore } from '@lic/event-store';
import { PROJECTED_STREAM_PREFIXES, readCheckpoint } from '@lic/read-models';

export interface LagSample {
  /** ms since the sampler started (performance clock). */
  readonly at: number;
  /** Projected-stream events appended and not yet covered by the checkpoint. */
  readonly events: number;
  /** now − recordedAt of the oldest of them; 0 when caught up. */
  readonly ms: number;
  /** The store's last position and the checkpoint, at this sample. */
  readonly head: bigint | null;
  readonly checkpoint: bigint | null;
}

/**
 * Samples the projection lag every `everyMs` from outside both apps: the projector's
 * checkpoint (read database), then every event the store holds after it.
 */
export class LagSampler {
  readonly samples: LagSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private readonly started = performance.now();

  constructor(
    private readonly store: EventStore,
    private readonly readDb: DataSource,
    private readonly clock: Clock,
  ) {}

  start(everyMs = 50): void {
    this.timer = setInterval(() => {
      if (this.busy) return; // a slow sample is not stacked with the next one
      this.busy = true;
      this.sample()
        .then((s) => this.samples.push(s))
        .catch(() => undefined)
        .finally(() => {
          this.busy = false;
        });
    }, everyMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  async sample(): Promise<LagSample> {
    const { position } = await readCheckpoint(this.readDb);
    let events = 0;
    let oldest: string | null = null;
    let head = position;
    for await (const e of this.store.readAll(position === null ? {} : { after: position })) {
      head = e.position;
      if (!PROJECTED_STREAM_PREFIXES.some((p) => e.streamName.startsWith(p))) continue;
      oldest ??= e.recordedAt;
      events++;
    }
    const now = this.clock.now();
    return {
      at: performance.now() - this.started,
      events,
      ms: oldest === null ? 0 : Math.max(0, now - Date.parse(oldest)),
      head,
      checkpoint: position,
    };
  }
}
