import type { DataSource } from 'typeorm';
import type { Clock } from '@lic/clock';
import { lagSeconds, type Lag, type Metrics } from '@lic/observability';
import { readCheckpoint, type Checkpoint } from '@lic/read-models';
import type { Projector } from '../projector/projector';
import type { LagProbe } from './lag-probe';

export interface LagReading {
  readonly checkpoint: Checkpoint;
  readonly lag: Lag;
  /** Age of the oldest unprojected event; 0 when caught up. */
  readonly seconds: number;
}

/**
 * The projector's lag, in events and in seconds, measured on demand (readiness, /metrics) and
 * written to the Prometheus gauges each time.
 */
export class LagMonitor {
  constructor(
    private readonly projector: Projector,
    private readonly probe: LagProbe,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  async read(): Promise<LagReading> {
    const checkpoint = this.projector.status().checkpoint ?? (await readCheckpoint(this.db));
    const lag = await this.probe.measure(checkpoint.position);
    const seconds = lagSeconds(lag, this.clock.now());
    this.metrics.projectionLagEvents.set(lag.events);
    this.metrics.projectionLagSeconds.set(seconds);
    return { checkpoint, lag, seconds };
  }
}
