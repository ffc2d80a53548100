import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  LAG_READER,
  OperationsModule,
  eventStoreAnswers,
  projectionWithin,
  readDbAnswers,
  type LagReader,
} from '@lic/app';
import type { EventStore } from '@lic/event-store';
import type { Metrics } from '@lic/observability';
import { HealthController } from './health/health.controller';
import { PROJECTOR, READY_MAX_LAG } from './infrastructure/tokens';
import type { Projector } from './projector/projector';

export interface ProjectorHttpDeps {
  readonly projector: Projector;
  readonly lag: LagReader;
  readonly readyMaxLag: number;
  readonly eventStore: EventStore;
  readonly dataSource: DataSource;
  readonly metrics: Metrics;
  /** METRICS_TOKEN: if set, /metrics needs `Authorization: Bearer <it>`. */
  readonly metricsToken: string | undefined;
}

/**
 * The projector's small HTTP side on PROJECTOR_PORT: /health (checkpoint and lag, one JSON),
 * and the probes /health/live, /health/ready and Prometheus /metrics every service has.
 */
@Module({})
export class ProjectorHttpModule {
  static forRoot(deps: ProjectorHttpDeps): DynamicModule {
    return {
      module: ProjectorHttpModule,
      imports: [
        OperationsModule.forRoot({
          metrics: deps.metrics,
          metricsToken: deps.metricsToken,
          lag: deps.lag,
          readiness: [
            eventStoreAnswers(deps.eventStore),
            readDbAnswers(deps.dataSource),
            projectionWithin(deps.lag, deps.readyMaxLag, () => deps.projector.status()),
          ],
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: PROJECTOR, useValue: deps.projector },
        { provide: LAG_READER, useValue: deps.lag },
        { provide: READY_MAX_LAG, useValue: deps.readyMaxLag },
      ],
    };
  }
}
