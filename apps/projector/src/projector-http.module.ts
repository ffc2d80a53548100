import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
import type { EventStore } from '@lic/event-store';
import type { Metrics } from '@lic/observability';
import { HealthController } from './health/health.controller';
import type { LagMonitor } from './health/lag-monitor';
import type { LagProbe } from './health/lag-probe';
import { MetricsController } from './health/metrics.controller';
import { ProbesController } from './health/probes.controller';
import {
  EVENT_STORE,
  LAG_MONITOR,
  LAG_PROBE,
  METRICS,
  METRICS_TOKEN,
  PROJECTOR,
  READ_DB,
  READY_MAX_LAG,
} from './infrastructure/tokens';
import type { Projector } from './projector/projector';

export interface ProjectorHttpDeps {
  readonly projector: Projector;
  readonly lagProbe: LagProbe;
  readonly lagMonitor: LagMonitor;
  readonly readyMaxLag: number;
  readonly eventStore: EventStore;
  readonly dataSource: DataSource;
  readonly metrics: Metrics;
  /** METRICS_TOKEN: if set, /metrics needs `Authorization: Bearer <it>`. */
  readonly metricsToken: string | undefined;
}

/**
 * The projector's small HTTP side on PROJECTOR_PORT: /health (checkpoint and lag, one JSON),
 * the terminus probes /health/live and /health/ready, and Prometheus /metrics.
 */
@Module({})
export class ProjectorHttpModule {
  static forRoot(deps: ProjectorHttpDeps): DynamicModule {
    return {
      module: ProjectorHttpModule,
      imports: [TerminusModule],
      controllers: [HealthController, ProbesController, MetricsController],
      providers: [
        { provide: PROJECTOR, useValue: deps.projector },
        { provide: LAG_PROBE, useValue: deps.lagProbe },
        { provide: LAG_MONITOR, useValue: deps.lagMonitor },
        { provide: READY_MAX_LAG, useValue: deps.readyMaxLag },
        { provide: EVENT_STORE, useValue: deps.eventStore },
        { provide: READ_DB, useValue: deps.dataSource },
        { provide: METRICS, useValue: deps.metrics },
        { provide: METRICS_TOKEN, useValue: deps.metricsToken },
      ],
    };
  }
}
