import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '@lic/event-store';
import { healthAnswer, type Metrics } from '@lic/observability';
import { EVENT_STORE, METRICS } from '../infrastructure/tokens';

/** Liveness, readiness (the event store answers) and Prometheus metrics. */
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(METRICS) private readonly metrics: Metrics,
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

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
