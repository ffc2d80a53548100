import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
import type { EventStore } from '@lic/event-store';
import {
  EVENT_STORE,
  LAG_MONITOR,
  PROJECTOR,
  READ_DB,
  READY_MAX_LAG,
} from '../infrastructure/tokens';
import type { ChainAlarm } from '../audit/chain-watch';
import type { FailingEvent } from '../projector/failing-event';
import type { Projector } from '../projector/projector';
import type { LagMonitor } from './lag-monitor';

const TIMEOUT_MS = 2000;

/**
 * Liveness (the process answers) and readiness: the event store and the read database answer,
 * no event is failing to project, every hash-chain link received verifies, and the projector runs at most READY_MAX_LAG_EVENTS behind
 * the store.
 */
@Controller('health')
export class ProbesController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(PROJECTOR) private readonly projector: Projector,
    @Inject(LAG_MONITOR) private readonly lag: LagMonitor,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DB) private readonly db: DataSource,
    @Inject(READY_MAX_LAG) private readonly maxLag: number,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([() => this.indicators.check('process').up()]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
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
  }

  private async projection() {
    const indicator = this.indicators.check('projection');
    const status = this.projector.status();
    // An event that fails to project stops everything after it: not ready at once, naming it.
    const failing: { failing?: FailingEvent; chain?: ChainAlarm } = {
      ...(status.failing === null ? {} : { failing: status.failing }),
      ...(status.chain === null ? {} : { chain: status.chain }),
    };
    try {
      const { checkpoint, lag, seconds } = await this.lag.read();
      const data = {
        running: status.running,
        checkpoint: checkpoint.position === null ? null : checkpoint.position.toString(10),
        lagEvents: lag.events,
        lagCapped: lag.capped,
        lagSeconds: seconds,
        maxLagEvents: this.maxLag,
        ...failing,
      };
      // A link that does not verify: the read models may rest on an altered history.
      return status.running &&
        status.failing === null &&
        status.chain === null &&
        lag.events <= this.maxLag &&
        !lag.capped
        ? indicator.up(data)
        : indicator.down(data);
    } catch (error) {
      return indicator.down({
        running: status.running,
        message: error instanceof Error ? error.message : String(error),
        ...failing,
      });
    }
  }
}
