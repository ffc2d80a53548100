import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { metricsAllowed, type Metrics } from '@lic/observability';
import { ApiError } from '../http/api-error';
import type { QueryApiSettings } from '../query-api.settings';
import { PlainRoute } from '../consistency/plain-route.decorator';
import { LAG_READER, METRICS, QUERY_API_SETTINGS } from '../infrastructure/tokens';
import type { LagReader } from './lag-reader';

/**
 * Prometheus metrics: `http_request_duration_seconds` by method, route and status, the lag of
 * the read models it serves (measured at each scrape), and the process's default metrics.
 */
@Controller()
@PlainRoute()
export class MetricsController {
  constructor(
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(LAG_READER) private readonly lag: LagReader,
    @Inject(QUERY_API_SETTINGS) private readonly settings: QueryApiSettings,
  ) {}

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    if (!metricsAllowed(authorization, this.settings.metricsToken)) {
      throw new ApiError('UNAUTHORIZED', '/metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    try {
      await this.lag.read();
    } catch {
      // A store is unreachable: the gauges keep their last values; readiness says why.
    }
    return this.metrics.registry.metrics();
  }
}
