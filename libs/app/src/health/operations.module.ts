import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Metrics } from '@lic/observability';
import type { LagReader } from './lag-reader';
import { MetricsController } from './metrics.controller';
import { ProbesController } from './probes.controller';
import type { ReadinessCheck } from './readiness';
import { LAG_READER, METRICS, METRICS_TOKEN, READINESS } from './tokens';

export interface OperationsOptions {
  readonly metrics: Metrics;
  /** METRICS_TOKEN: if set, /metrics needs `Authorization: Bearer <it>`. */
  readonly metricsToken: string | undefined;
  /** What /health/ready checks, in order. */
  readonly readiness: readonly ReadinessCheck[];
  /** Where the service serves or writes read models: their lag, measured at each scrape. */
  readonly lag?: LagReader;
}

/** The operational routes of every service: /health/live, /health/ready and /metrics. */
@Module({})
export class OperationsModule {
  static forRoot(options: OperationsOptions): DynamicModule {
    return {
      module: OperationsModule,
      imports: [TerminusModule],
      controllers: [ProbesController, MetricsController],
      providers: [
        { provide: METRICS, useValue: options.metrics },
        { provide: METRICS_TOKEN, useValue: options.metricsToken },
        { provide: READINESS, useValue: options.readiness },
        ...(options.lag === undefined ? [] : [{ provide: LAG_READER, useValue: options.lag }]),
      ],
    };
  }
}
