import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import type { DataSource } from 'typeorm';
import { SystemClock, type Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import type { EventStore } from '@lic/event-store';
import {
  Metrics,
  PinoNestLogger,
  createLogger,
  httpServerOptions,
  type Logger,
} from '@lic/observability';
import { WalCheckpointer, openReadDb, type BatchFaults } from '@lic/read-models';
import { ErrorFilter, LagReader, openStores } from '@lic/app';
import { ProjectorHttpModule } from './projector-http.module';
import { Projector } from './projector/projector';

export interface ProjectorApp {
  readonly app: NestFastifyApplication;
  readonly projector: Projector;
  readonly dataSource: DataSource;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /**
   * Graceful stop, in order: the projector finishes the batch in hand and stores its
   * checkpoint with it; then the HTTP side closes; then what this opened is closed.
   */
  close(): Promise<void>;
}

export interface ProjectorAppOptions {
  readonly clock?: Clock;
  /** Given stores are not closed by close(). */
  readonly eventStore?: EventStore;
  readonly dataSource?: DataSource;
  /** Default: JSON on stdout at LOG_LEVEL, secrets redacted (@lic/observability). */
  readonly logger?: Logger;
  readonly faults?: BatchFaults;
}

/**
 * Opens the event store and the read database (applying migrations), starts the projector and
 * builds its HTTP side (not listening yet). Used by main.ts and the tests.
 */
export const createProjectorApp = async (
  config: Config,
  options: ProjectorAppOptions = {},
): Promise<ProjectorApp> => {
  const clock = options.clock ?? new SystemClock();
  const logger = options.logger ?? createLogger('projector', config.LOG_LEVEL);
  const eventStore = options.eventStore ?? openStores(config, clock).eventStore;
  const dataSource = options.dataSource ?? (await openReadDb(config.READ_DB));
  const checkpointer = WalCheckpointer.start(dataSource, (error) =>
    logger.warn({ error }, 'projector: a WAL checkpoint of the read database failed'),
  );
  const metrics = new Metrics('projector');
  const projector = new Projector({
    eventStore,
    dataSource,
    clock,
    logger,
    metrics,
    batchSize: config.PROJECTION_BATCH_SIZE,
    ...(options.faults === undefined ? {} : { faults: options.faults }),
  });
  const lag = new LagReader(
    dataSource,
    eventStore,
    clock,
    metrics,
    config.READY_MAX_LAG_EVENTS,
    () => projector.status().checkpoint,
  );
  const app = await NestFactory.create<NestFastifyApplication>(
    ProjectorHttpModule.forRoot({
      projector,
      lag,
      readyMaxLag: config.READY_MAX_LAG_EVENTS,
      eventStore,
      dataSource,
      metrics,
      metricsToken: config.METRICS_TOKEN,
    }),
    // Probes and scrapes are not worth a log line each; errors still are.
    new FastifyAdapter({
      ...httpServerOptions(config),
      loggerInstance: logger,
      logController: new LogController({ disableRequestLogging: true }),
    }),
    { logger: new PinoNestLogger(logger) },
  );
  app.useGlobalFilters(new ErrorFilter({ glossaryAt: null, retryHint: 'retry' }));
  projector.start();
  return {
    app,
    projector,
    dataSource,
    metrics,
    logger,
    close: async () => {
      await projector.close();
      await app.close();
      await checkpointer?.close();
      if (options.dataSource === undefined) await dataSource.destroy();
      if (options.eventStore === undefined) await eventStore.close();
    },
  };
};
