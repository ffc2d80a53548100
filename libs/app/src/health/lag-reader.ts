import type { DataSource } from 'typeorm';
import type { Clock } from '@lic/clock';
import type { EventStore } from '@lic/event-store';
import { ProjectionLagProbe, lagSeconds, type Lag, type Metrics } from '@lic/observability';
import { PROJECTED_STREAM_PREFIXES, readCheckpoint, type Checkpoint } from '@lic/read-models';

export interface LagReading {
  readonly checkpoint: Checkpoint;
  readonly lag: Lag;
  /** Age of the oldest unprojected event; 0 when caught up. */
  readonly seconds: number;
}

/**
 * How far the read models are behind the event store: the projector's checkpoint (the one in
 * hand when the projector itself asks, else the one in the read database) against the store,
 * over the streams the projector follows, in events (up to the cap) and in seconds (age of
 * the oldest unprojected event). Written to the lag gauges each time (readiness, /metrics).
 */
export class LagReader {
  private readonly probe: ProjectionLagProbe;

  constructor(
    private readonly db: DataSource,
    eventStore: EventStore,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    cap: number,
    private readonly inHand: () => Checkpoint | null = () => null,
  ) {
    this.probe = new ProjectionLagProbe(eventStore, cap, PROJECTED_STREAM_PREFIXES);
  }

  async read(): Promise<LagReading> {
    const checkpoint = this.inHand() ?? (await readCheckpoint(this.db));
    const lag = await this.probe.measure(checkpoint.position);
    const seconds = lagSeconds(lag, this.clock.now());
    this.metrics.projectionLagEvents.set(lag.events);
    this.metrics.projectionLagSeconds.set(seconds);
    return { checkpoint, lag, seconds };
  }
}
