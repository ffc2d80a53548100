import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Projector } from '../projector/projector';
import { LAG_READER, loopHealthy, type LagReader, type LagReading } from '@lic/app';
import { PROJECTOR, READY_MAX_LAG } from '../infrastructure/tokens';

/**
 * GET /health: the checkpoint and the lag behind the event store. 200 while the projector
 * runs, no event is failing to project, and it lags by at most READY_MAX_LAG_EVENTS, else
 * 503 (same body; `projector.failing` names the failing event and its error).
 */
@Controller()
export class HealthController {
  constructor(
    @Inject(PROJECTOR) private readonly projector: Projector,
    @Inject(LAG_READER) private readonly lag: LagReader,
    @Inject(READY_MAX_LAG) private readonly maxLag: number,
  ) {}

  @Get('health')
  async health(@Res() reply: FastifyReply): Promise<void> {
    const status = this.projector.status();
    const checkpoint = status.checkpoint;
    let lag: LagReading['lag'] | null = null;
    let storeError: string | null = null;
    try {
      lag = checkpoint === null ? null : (await this.lag.read()).lag;
    } catch (error) {
      storeError = error instanceof Error ? error.message : String(error);
    }
    const ok =
      loopHealthy(status) && checkpoint !== null && lag !== null && lag.events <= this.maxLag;
    await reply.status(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'unavailable',
      checkpoint:
        checkpoint === null
          ? null
          : {
              position: checkpoint.position === null ? null : checkpoint.position.toString(10),
              eventsProjected: checkpoint.eventsProjected.toString(10),
            },
      lag: lag === null ? null : { ...lag, maxEvents: this.maxLag },
      projector: {
        running: status.running,
        batches: status.batches,
        restarts: status.restarts,
        lastError: status.lastError,
        failing: status.failing,
        chain: status.chain,
      },
      ...(storeError === null ? {} : { eventStore: { error: 'unreachable' } }),
    });
  }
}
