import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Clock } from '@lic/clock';
import type { EventStore, RecordedEvent, Subscription } from '@lic/event-store';
import type { Metrics } from '@lic/observability';
import {
  CheckpointMovedError,
  PROJECTED_STREAM_PREFIXES,
  ProjectionCache,
  projectBatch,
  readCheckpoint,
  type BatchFaults,
  type BatchResult,
  type Checkpoint,
} from '@lic/read-models';
import { ChainWatch, type ChainAlarm } from '../audit/chain-watch';
import { logBatch, positionOf } from './batch-log';
import { ProjectionStopped, retryDelayMs, type FailingEvent } from './failing-event';
import { STOPPED, TIMED_OUT, nextOrTimeout, sleep } from './next-or-timeout';

export interface ProjectorOptions {
  readonly eventStore: EventStore;
  readonly dataSource: DataSource;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Events per transaction (PROJECTION_BATCH_SIZE). */
  readonly batchSize: number;
  /**
   * A partial batch is written once no event has come for this long (default 2 ms: the events
   * a store hands over at once arrive within a turn of the event loop, so a wait this short
   * means the projector has caught up)…
   */
  readonly idleFlushMs?: number;
  /** …or once its first event has waited this long. */
  readonly maxDelayMs?: number;
  /** Tests only: simulated crashes. */
  readonly faults?: BatchFaults;
  /** Counts projected events and times batches (Prometheus). */
  readonly metrics?: Metrics;
}

export interface ProjectorStatus {
  readonly running: boolean;
  readonly checkpoint: Checkpoint | null;
  /** Position of the last event received from the subscription (projected or not yet). */
  readonly lastReceived: bigint | null;
  readonly batches: number;
  readonly restarts: number;
  readonly lastError: string | null;
  /** Events received and not yet committed (buffered or being written). */
  readonly inHand: number;
  /** The event that fails to project, retried with back-off; everything after it waits. */
  readonly failing: FailingEvent | null;
  /** The first event received whose hash-chain link does not verify, and how many did. */
  readonly chain: ChainAlarm | null;
}

const BACKOFF_MS = [100, 250, 500, 1000, 2000, 5000];

/**
 * The live projector: subscribes to `$all` (license- and product- streams) after its stored
 * checkpoint, and writes events in batches, each in one transaction with the checkpoint that
 * covers it. Whatever fails — the store, the subscription, the database — it starts over from
 * the stored checkpoint, so nothing is skipped and nothing applied twice.
 */
export class Projector {
  private readonly stop = new AbortController();
  private loop: Promise<void> | undefined;
  private checkpoint: Checkpoint | null = null;
  private lastReceived: bigint | null = null;
  private batches = 0;
  private restarts = 0;
  private lastError: string | null = null;
  private inHand = 0;
  private failing: FailingEvent | null = null;
  /** Rows of busy licenses kept between batches; emptied whenever anything fails. */
  private readonly cache = new ProjectionCache();

  private readonly chainWatch: ChainWatch;

  constructor(private readonly options: ProjectorOptions) {
    this.chainWatch = new ChainWatch(options.eventStore, options.logger, options.metrics);
  }

  start(): void {
    this.loop ??= this.run();
  }

  /**
   * Graceful stop: the batch being written commits with its checkpoint, what is buffered is
   * written as a last batch, the subscription is closed; returns when the loop has ended.
   */
  async close(): Promise<void> {
    const { logger } = this.options;
    if (!this.stop.signal.aborted && this.loop !== undefined) {
      logger.info(
        { inHand: this.inHand, checkpoint: positionOf(this.checkpoint) },
        'projector: stopping; finishing the batch in hand',
      );
    }
    this.stop.abort();
    await this.loop;
    if (this.loop !== undefined) {
      logger.info(
        {
          checkpoint: positionOf(this.checkpoint),
          eventsProjected: this.checkpoint?.eventsProjected.toString(10) ?? null,
        },
        'projector: stopped',
      );
    }
  }

  status(): ProjectorStatus {
    return {
      running: this.loop !== undefined && !this.stop.signal.aborted,
      checkpoint: this.checkpoint,
      lastReceived: this.lastReceived,
      batches: this.batches,
      restarts: this.restarts,
      lastError: this.lastError,
      inHand: this.inHand,
      failing: this.failing,
      chain: this.chainWatch.status(),
    };
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stop.signal.aborted) {
      try {
        await this.follow();
        failures = 0;
      } catch (error) {
        if (error instanceof ProjectionStopped) return;
        failures++;
        this.restarts++;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.logger.error({ err: error }, 'projector: starting over from the checkpoint');
        await sleep(
          BACKOFF_MS[Math.min(failures, BACKOFF_MS.length) - 1] ?? 5000,
          this.stop.signal,
        );
      }
    }
  }

  /** One subscription's life: from the stored checkpoint until stop, end, or failure. */
  private async follow(): Promise<void> {
    const { eventStore, dataSource, batchSize } = this.options;
    const idleFlushMs = this.options.idleFlushMs ?? 2;
    const maxDelayMs = this.options.maxDelayMs ?? 200;
    this.checkpoint = await readCheckpoint(dataSource);
    const after = this.checkpoint.position;
    this.options.logger.info(
      { checkpoint: positionOf(this.checkpoint), restarts: this.restarts },
      'projector: following the event store from the checkpoint',
    );
    const subscription: Subscription = eventStore.subscribeToAll({
      streamPrefixes: PROJECTED_STREAM_PREFIXES,
      ...(after === null ? {} : { after }),
    });
    const events = subscription[Symbol.asyncIterator]();
    let buffer: RecordedEvent[] = [];
    let bufferedSince = 0;
    let pending: Promise<IteratorResult<RecordedEvent>> | undefined;
    const flush = async () => {
      if (buffer.length === 0) return;
      const batch = buffer;
      buffer = [];
      await this.chainWatch.inspect(batch);
      await this.write(batch);
    };
    try {
      for (;;) {
        const age = performance.now() - bufferedSince;
        if (buffer.length > 0 && age >= maxDelayMs) await flush();
        pending ??= events.next();
        const wait = buffer.length === 0 ? null : Math.min(idleFlushMs, maxDelayMs - age);
        const next = await nextOrTimeout(pending, wait, this.stop.signal);
        if (next === STOPPED) return await flush();
        if (next === TIMED_OUT) {
          await flush();
          continue;
        }
        pending = undefined;
        if (next.done === true) {
          await flush();
          throw new Error('the subscription ended');
        }
        if (buffer.length === 0) bufferedSince = performance.now();
        buffer.push(next.value);
        this.inHand++;
        this.lastReceived = next.value.position;
        if (buffer.length >= batchSize) await flush();
      }
    } finally {
      this.inHand = 0; // on failure the buffer is dropped: it is read again from the checkpoint
      await subscription.close();
    }
  }

  /**
   * Projects a batch in one transaction. If it fails, its events are projected one at a time,
   * so the events before the failing one are committed and the failing one is isolated: the
   * projector retries it with back-off (its position and error in status().failing, so
   * /health/ready fails at once, and in license_projection_failures_total) until it goes in.
   */
  private async write(batch: readonly RecordedEvent[]): Promise<void> {
    try {
      await this.commit(batch);
    } catch (error) {
      if (error instanceof CheckpointMovedError || batch.length === 0) throw error;
      this.options.logger.warn(
        { err: error, events: batch.length },
        'projector: a batch failed; projecting its events one at a time',
      );
      for (const event of batch) await this.commitAlone(event);
    }
  }

  private async commitAlone(event: RecordedEvent): Promise<void> {
    const { logger, metrics } = this.options;
    for (let attempt = 1; ; attempt++) {
      if (this.stop.signal.aborted) throw new ProjectionStopped();
      try {
        await this.commit([event]);
        if (this.failing !== null) {
          logger.info(
            { position: this.failing.position, attempts: attempt },
            'projector: the failing event is projected; going on',
          );
          this.failing = null;
          metrics?.projectionStalled.set(0);
        }
        return;
      } catch (error) {
        if (error instanceof CheckpointMovedError) throw error;
        const message = error instanceof Error ? error.message : String(error);
        this.failing = {
          position: event.position.toString(10),
          stream: event.streamName,
          type: event.type,
          error: message,
          attempts: attempt,
          since: this.failing?.since ?? new Date(this.options.clock.now()).toISOString(),
          nextAttemptInMs: retryDelayMs(attempt),
        };
        metrics?.projectionFailures.inc();
        metrics?.projectionStalled.set(1);
        logger.error(
          {
            err: error,
            position: this.failing.position,
            stream: event.streamName,
            type: event.type,
            attempt,
          },
          'projector: an event fails to project; retrying it with back-off (everything after it waits)',
        );
        await sleep(retryDelayMs(attempt), this.stop.signal);
      }
    }
  }

  private async commit(batch: readonly RecordedEvent[]): Promise<void> {
    const { dataSource, clock, faults, metrics } = this.options;
    // On SQLite every step of a catch-up resolves at once (synchronous driver): without a turn
    // of the event loop before each batch, HTTP probes, timers and signals would wait for the
    // end of the catch-up. A stop requested now still lets this batch commit.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const started = performance.now();
    const before = this.checkpoint?.eventsProjected ?? 0n;
    const result = await projectBatch(dataSource, batch, {
      clock,
      cache: this.cache,
      ...(this.checkpoint === null ? {} : { expected: this.checkpoint }),
      ...(faults === undefined ? {} : { faults }),
    });
    const seconds = (performance.now() - started) / 1000;
    this.checkpoint = result.checkpoint;
    this.batches++;
    this.inHand = Math.max(0, this.inHand - batch.length);
    const projected = Number(result.checkpoint.eventsProjected - before);
    metrics?.projectedEvents.inc(projected);
    metrics?.projectionBatchSeconds.observe(seconds);
    this.reportUndecodable(result);
    logBatch(this.options.logger, batch, result.checkpoint, {
      batch: this.batches,
      projected,
      skipped: result.skipped,
      ms: Math.round(seconds * 10_000) / 10,
    });
  }

  /** Events the writer should never have appended: audit log only, and loudly. */
  private reportUndecodable(result: BatchResult): void {
    for (const u of result.undecodable) {
      this.options.metrics?.undecodableEvents.inc();
      this.options.logger.error(
        { position: u.position.toString(10), why: u.why },
        'projector: a stored event does not decode; it is in the audit log only',
      );
    }
  }
}
