import { Controller, Get, Header, Headers, Inject, UnauthorizedException } from '@nestjs/common';
import { metricsAllowed, type Metrics } from '@lic/observability';
import { LAG_MONITOR, METRICS, METRICS_TOKEN } from '../infrastructure/tokens';
import type { LagMonitor } from './lag-monitor';

/**
 * Prometheus metrics: the lag is measured at each scrape (`license_projection_lag_events`,
 * `license_projection_lag_seconds`), beside `license_projected_events_total`, the batch
 * durations and the process's default metrics.
 */
@Controller()
export class MetricsController {
  constructor(
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(LAG_MONITOR) private readonly lag: LagMonitor,
    @Inject(METRICS_TOKEN) private readonly token: string | undefined,
  ) {}

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    if (!metricsAllowed(authorization, this.token)) {
      throw new UnauthorizedException('/metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    try {
      await this.lag.read();
    } catch {
      // The store is unreachable: the gauges keep their last values; readiness says why.
    }
    return this.metrics.registry.metrics();
  }
}
