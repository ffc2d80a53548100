import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController } from './health/health.controller';
import type { LagProbe } from './health/lag-probe';
import { LAG_PROBE, PROJECTOR, READY_MAX_LAG } from './infrastructure/tokens';
import type { Projector } from './projector/projector';

export interface ProjectorHttpDeps {
  readonly projector: Projector;
  readonly lagProbe: LagProbe;
  readonly readyMaxLag: number;
}

/**
 * The projector's small HTTP side on PROJECTOR_PORT: /health now; the Prometheus /metrics
 * controller of issue 6 goes beside HealthController.
 */
@Module({})
export class ProjectorHttpModule {
  static forRoot(deps: ProjectorHttpDeps): DynamicModule {
    return {
      module: ProjectorHttpModule,
      controllers: [HealthController],
      providers: [
        { provide: PROJECTOR, useValue: deps.projector },
        { provide: LAG_PROBE, useValue: deps.lagProbe },
        { provide: READY_MAX_LAG, useValue: deps.readyMaxLag },
      ],
    };
  }
}
