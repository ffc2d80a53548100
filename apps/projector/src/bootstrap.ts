import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { SystemClock, type Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import type { EventStore } from '@lic/event-store';
import { openReadDb, type BatchFaults } from '@lic/read-models';
import { LagProbe } from './health/lag-probe';
import { createLogger } from './infrastructure/logger';
import { openEventStore } from './infrastructure/open-event-store';
import { ProjectorHttpModule } from './projector-http.module';
import { Projector } from './projector/projector';

export interface ProjectorApp {
  readonly app: NestFastifyApplication;
  readonly projector: Projector;
  readonly dataSource: DataSource;
  /** Stops the projector (writing what it buffered) and the HTTP side; closes what it opened. */
  close(): Promise<void>;
}

export interface ProjectorAppOptions {
  readonly clock?: Clock;
  /** Given stores are not closed by close(). */
  readonly eventStore?: EventStore;
  readonly dataSource?: DataSource;
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
  const eventStore = options.eventStore ?? openEventStore(config.EVENT_STORE, clock);
  const dataSource = options.dataSource ?? (await openReadDb(config.READ_DB));
  const projector = new Projector({
    eventStore,
    dataSource,
    clock,
    logger,
    batchSize: config.PROJECTION_BATCH_SIZE,
    ...(options.faults === undefined ? {} : { faults: options.faults }),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ProjectorHttpModule.forRoot({
      projector,
      lagProbe: new LagProbe(eventStore, config.READY_MAX_LAG_EVENTS),
      readyMaxLag: config.READY_MAX_LAG_EVENTS,
    }),
    new FastifyAdapter(),
    { logger: ['error', 'warn'] },
  );
  projector.start();
  return {
    app,
    projector,
    dataSource,
    close: async () => {
      await projector.close();
      await app.close();
      if (options.dataSource === undefined) await dataSource.destroy();
      if (options.eventStore === undefined) await eventStore.close();
    },
  };
};
