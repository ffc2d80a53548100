import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';
import { SharedTestClock, SystemClock, TEST_CLOCK_FILE, type Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import { openStores } from '@lic/app';
import {
  Draining,
  Metrics,
  PinoNestLogger,
  correlatedFastifyLogging,
  createLogger,
  httpServerOptions,
  registerCorrelationIds,
  type Logger,
} from '@lic/observability';
import { openKeyRing, type KeyRing } from '@lic/signing';
import { CommandApiModule } from './app.module';
import { ErrorFilter } from '@lic/app';
import { setUpOpenApi } from './openapi/openapi';

export interface CommandApi {
  readonly app: NestFastifyApplication;
  readonly clock: Clock;
  readonly ring: KeyRing;
  readonly logger: Logger;
  close(): Promise<void>;
}

/**
 * Opens the event store and the key ring named by the configuration, and builds the Nest
 * application on Fastify (not listening yet). Used by main.ts and by the end-to-end tests.
 */
export const createCommandApi = async (
  config: Config,
  options: { logger?: Logger } = {},
): Promise<CommandApi> => {
  const logger = options.logger ?? createLogger('command-api', config.LOG_LEVEL);
  // The test clock is shared through DATA_DIR, so the query API follows it (SharedTestClock).
  const clock: Clock = config.LICENSE_TEST_CLOCK
    ? new SharedTestClock(new SystemClock(), join(config.DATA_DIR, TEST_CLOCK_FILE))
    : new SystemClock();
  const { eventStore, snapshotStore } = openStores(config, clock);
  const ring = await openKeyRing({
    dir: config.SIGNING_KEYS_DIR,
    privateKeyFile: config.SIGNING_PRIVATE_KEY_FILE,
    now: clock.now(),
  });
  const adapter = new FastifyAdapter({
    bodyLimit: 64 * 1024,
    ...httpServerOptions(config),
    ...correlatedFastifyLogging(logger),
  });
  registerCorrelationIds(adapter.getInstance());
  const draining = new Draining();
  draining.register(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    CommandApiModule.forRoot({
      config,
      clock,
      eventStore,
      snapshotStore,
      ring,
      metrics: new Metrics('command-api'),
      draining,
    }),
    adapter,
    { logger: new PinoNestLogger(logger) },
  );
  app.useGlobalFilters(
    new ErrorFilter({
      glossaryAt: config.PUBLIC_URL,
      retryHint: 'retry with the same Idempotency-Key',
    }),
  );
  app.enableShutdownHooks();
  setUpOpenApi(app);
  return {
    app,
    clock,
    ring,
    logger,
    close: () => app.close(),
  };
};
