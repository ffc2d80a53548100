import { Controller, Get, Inject, Res } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { healthAnswer } from '@lic/observability';
import { PlainRoute } from '../http/plain-route.decorator';
import type { ReadinessCheck } from './readiness';
import { READINESS } from './tokens';

/**
 * Liveness (the process answers) and readiness (each check the service lists: its stores,
 * the projection lag). Public. A failing check answers 503 with terminus's body: which
 * indicator is down, and why.
 */
@Controller('health')
@PlainRoute()
export class ProbesController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS) private readonly readiness: readonly ReadinessCheck[],
  ) {}

  @Get('live')
  @HealthCheck()
  live(@Res({ passthrough: true }) reply: FastifyReply) {
    return healthAnswer(reply, this.health.check([() => this.indicators.check('process').up()]));
  }

  @Get('ready')
  @HealthCheck()
  ready(@Res({ passthrough: true }) reply: FastifyReply) {
    return healthAnswer(
      reply,
      this.health.check(this.readiness.map((check) => () => check(this.indicators))),
    );
  }
}
