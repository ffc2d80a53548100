import type { DataSource } from 'typeorm';
import type { Clock } from '@lic/clock';
import type { EventStore } from '@lic/event-store';
import { ProjectionLagProbe, lagSeconds, type Lag, type Metrics } from '@lic/observability';
import { PROJECTED_STREAM_PREFIXES, readCheckpoint, type Checkpoint } from '@lic/read-models';

export interface LagReading {
  readonly checkpoint: Checkpoint;
  readonly lag: Lag;
  readonly seconds: number;
}

/**
 * How far the read models this API serves are behind the event store: the projector's
 * checkpoint (read from the read database) against the store, in events (up to the cap) and
 * in seconds (age of the oldest unprojected event). Written to the lag gauges each time.
 */
export class LagReader {
  private readonly probe: ProjectionLagProbe;

  constructor(
    private readonly db: DataSource,
    eventStore: EventStore,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    cap: number,
  ) {
    this.probe = new ProjectionLagProbe(eventStore, cap, PROJECTED_STREAM_PREFIXES);
  }

  async read(): Promise<LagReading> {
    const checkpoint = await readCheckpoint(this.db);
    const lag = await this.probe.measure(checkpoint.position);
    const seconds = lagSeconds(lag, this.clock.now());
    this.metrics.projectionLagEvents.set(lag.events);
    this.metrics.projectionLagSeconds.set(seconds);
    return { checkpoint, lag, seconds };
  }
}
