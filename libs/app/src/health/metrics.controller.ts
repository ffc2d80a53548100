import { Controller, Get, Header, Headers, Inject, Optional } from '@nestjs/common';
import { metricsAllowed, type Metrics } from '@lic/observability';
import { ApiError } from '../http/api-error';
import { PlainRoute } from '../http/plain-route.decorator';
import type { LagReader } from './lag-reader';
import { LAG_READER, METRICS, METRICS_TOKEN } from './tokens';

/**
 * Prometheus metrics: the service's own, the process's default metrics and, where the service
 * serves or writes read models, their lag measured at each scrape
 * (`license_projection_lag_events`, `license_projection_lag_seconds`). Open, or only to
 * `Authorization: Bearer <METRICS_TOKEN>` when that is configured.
 */
@Controller()
@PlainRoute()
export class MetricsController {
  constructor(
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(METRICS_TOKEN) private readonly token: string | undefined,
    @Optional() @Inject(LAG_READER) private readonly lag: LagReader | undefined,
  ) {}

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    if (!metricsAllowed(authorization, this.token)) {
      throw new ApiError('UNAUTHORIZED', '/metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    try {
      await this.lag?.read();
    } catch {
      // A store is unreachable: the gauges keep their last values; readiness says why.
    }
    return this.metrics.registry.metrics();
  }
}
