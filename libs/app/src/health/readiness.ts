import type { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
import type { EventStore } from '@lic/event-store';
import type { LagReader } from './lag-reader';

const TIMEOUT_MS = 2000;

/** One thing /health/ready checks; the services list theirs (see OperationsModule). */
export type ReadinessCheck = (
  indicators: HealthIndicatorService,
) => PromiseLike<HealthIndicatorResult> | HealthIndicatorResult;

/** The event store answers a ping in time. */
export const eventStoreAnswers =
  (store: EventStore): ReadinessCheck =>
  (indicators) =>
    indicators
      .check('event_store')
      .attempt(() => store.ping())
      .withTimeout(TIMEOUT_MS);

/** The read database answers a query in time. */
export const readDbAnswers =
  (db: DataSource): ReadinessCheck =>
  (indicators) =>
    indicators
      .check('read_db')
      .attempt(async () => {
        await db.query('SELECT 1');
      })
      .withTimeout(TIMEOUT_MS);

/** What the projector itself knows about its loop (absent where the projector is elsewhere). */
export interface ProjectionState {
  readonly running: boolean;
  /** An event failing to project stops everything after it: not ready at once, naming it. */
  readonly failing: object | null;
  /** A received hash-chain link that does not verify: the read models may rest on an altered history. */
  readonly chain?: object | null;
}

/** The projector's loop runs, no event is failing and every chain link received verifies. */
export const loopHealthy = (state: ProjectionState): boolean =>
  state.running && state.failing === null && (state.chain ?? null) === null;

/**
 * The read models are at most `maxLag` events behind the store (and, in the projector, its
 * loop runs, no event is failing and every chain link received verifies) — further behind,
 * answers would be too stale.
 */
export const projectionWithin =
  (lag: LagReader, maxLag: number, state?: () => ProjectionState): ReadinessCheck =>
  async (indicators) => {
    const indicator = indicators.check('projection');
    const now = state?.();
    const chain = now?.chain ?? null;
    const loop =
      now === undefined
        ? {}
        : {
            running: now.running,
            ...(now.failing === null ? {} : { failing: now.failing }),
            ...(chain === null ? {} : { chain }),
          };
    const healthy = now === undefined || loopHealthy(now);
    try {
      const { checkpoint, lag: behind, seconds } = await lag.read();
      const data = {
        ...loop,
        checkpoint: checkpoint.position === null ? null : checkpoint.position.toString(10),
        lagEvents: behind.events,
        lagCapped: behind.capped,
        lagSeconds: seconds,
        maxLagEvents: maxLag,
      };
      return healthy && !behind.capped && behind.events <= maxLag
        ? indicator.up(data)
        : indicator.down(data);
    } catch (error) {
      return indicator.down({
        ...loop,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };
