import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { Metrics } from '@lic/observability';
import { PlainRoute } from '../consistency/plain-route.decorator';
import { LAG_READER, METRICS } from '../infrastructure/tokens';
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
  ) {}

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    try {
      await this.lag.read();
    } catch {
      // A store is unreachable: the gauges keep their last values; readiness says why.
    }
    return this.metrics.registry.metrics();
  }
}
