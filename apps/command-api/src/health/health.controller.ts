import { Controller, Get, Header, Headers, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '@lic/event-store';
import type { Config } from '@lic/config';
import { healthAnswer, metricsAllowed, type Metrics } from '@lic/observability';
import { ApiError } from '../http/api-error';
import { CONFIG, EVENT_STORE, METRICS } from '../infrastructure/tokens';

/** Liveness, readiness (the event store answers) and Prometheus metrics. */
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Get('health/live')
  @HealthCheck()
  live(@Res({ passthrough: true }) reply: FastifyReply) {
    return healthAnswer(reply, this.health.check([() => this.indicators.check('process').up()]));
  }

  /** A failing check answers 503 with terminus's body: which indicator is down, and why. */
  @Get('health/ready')
  @HealthCheck()
  ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const eventStore = () =>
      this.indicators
        .check('event_store')
        .attempt(() => this.store.ping())
        .withTimeout(2000);
    return healthAnswer(reply, this.health.check([eventStore]));
  }

  /** Open, or only to `Authorization: Bearer <METRICS_TOKEN>` when that is configured. */
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    if (!metricsAllowed(authorization, this.config.METRICS_TOKEN)) {
      throw new ApiError('UNAUTHORIZED', '/metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    return this.metrics.registry.metrics();
  }
}
