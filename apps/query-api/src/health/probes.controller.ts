import { Controller, Get, Inject, Res } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import type { EventStore } from '@lic/event-store';
import { PlainRoute } from '../consistency/plain-route.decorator';
import { EVENT_STORE, LAG_READER, READ_DB, READY_MAX_LAG } from '../infrastructure/tokens';
import { healthAnswer } from '@lic/observability';
import type { LagReader } from './lag-reader';

const TIMEOUT_MS = 2000;

/**
 * Liveness (the process answers) and readiness: the event store (as-of queries) and the read
 * database answer, and the read models are at most READY_MAX_LAG_EVENTS behind the store —
 * further behind, the answers would be too stale to route traffic here. Public, like the
 * command API's.
 */
@Controller('health')
@PlainRoute()
export class ProbesController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(LAG_READER) private readonly lag: LagReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DB) private readonly db: DataSource,
    @Inject(READY_MAX_LAG) private readonly maxLag: number,
  ) {}

  @Get('live')
  @HealthCheck()
  live(@Res({ passthrough: true }) reply: FastifyReply) {
    return healthAnswer(reply, this.health.check([() => this.indicators.check('process').up()]));
  }

  @Get('ready')
  @HealthCheck()
  ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const check = this.health.check([
      () =>
        this.indicators
          .check('event_store')
          .attempt(() => this.store.ping())
          .withTimeout(TIMEOUT_MS),
      () =>
        this.indicators
          .check('read_db')
          .attempt(async () => {
            await this.db.query('SELECT 1');
          })
          .withTimeout(TIMEOUT_MS),
      () => this.projection(),
    ]);
    return healthAnswer(reply, check);
  }

  private async projection() {
    const indicator = this.indicators.check('projection');
    try {
      const { checkpoint, lag, seconds } = await this.lag.read();
      const data = {
        checkpoint: checkpoint.position === null ? null : checkpoint.position.toString(10),
        lagEvents: lag.events,
        lagCapped: lag.capped,
        lagSeconds: seconds,
        maxLagEvents: this.maxLag,
      };
      return lag.capped || lag.events > this.maxLag ? indicator.down(data) : indicator.up(data);
    } catch (error) {
      return indicator.down(error instanceof Error ? error.message : String(error));
    }
  }
}
