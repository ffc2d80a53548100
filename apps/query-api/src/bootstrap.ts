import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { join } from 'node:path';
import { SharedTestClock, SystemClock, TEST_CLOCK_FILE, type Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import type { EventStore } from '@lic/event-store';
import {
  Metrics,
  PinoNestLogger,
  correlatedFastifyLogging,
  createLogger,
  httpServerOptions,
  registerCorrelationIds,
  registerHttpMetrics,
  type Logger,
} from '@lic/observability';
import { openReadDb } from '@lic/read-models';
import { openKeyRing } from '@lic/signing';
import { KeyRingAccessTokenVerifier, type AccessTokenVerifier } from './auth/access-token-verifier';
import { StreamRecordedTokens } from './auth/recorded-tokens';
import { CheckpointWatcher } from './consistency/checkpoint-watcher';
import { Draining } from '@lic/observability';
import { ErrorFilter } from './http/error.filter';
import { openEventStore } from './infrastructure/open-event-store';
import { setUpOpenApi } from './openapi/openapi';
import { QueryApiModule } from './query-api.module';

export interface QueryApi {
  readonly app: NestFastifyApplication;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Graceful: drains HTTP (in-flight requests are answered), then closes what it opened. */
  close(): Promise<void>;
}

export interface QueryApiOptions {
  readonly clock?: Clock;
  /** Given stores are not closed by close(). */
  readonly eventStore?: EventStore;
  readonly db?: DataSource;
  /** Default: access tokens verified with the key ring in SIGNING_KEYS_DIR. */
  readonly verifier?: AccessTokenVerifier;
  readonly dashboardRefreshMs?: number;
  /**
   * The JSON logger (default: stdout at LOG_LEVEL, secrets redacted); `false` for none at
   * all. The former Nest level list is accepted and means the default logger.
   */
  readonly logger?: Logger | false | ('error' | 'warn' | 'log')[];
}

const loggerFor = (config: Config, option: QueryApiOptions['logger']): Logger =>
  option === false
    ? createLogger('query-api', 'silent')
    : option === undefined || Array.isArray(option)
      ? createLogger('query-api', config.LOG_LEVEL)
      : option;

/**
 * Opens the read database (migrating it if the projector has not yet), the event store (for
 * as-of queries) and the key ring, and builds the Nest application on Fastify (not listening
 * yet): JSON request logs carrying the correlation id, HTTP metrics, graceful draining. Used
 * by main.ts and the tests.
 */
export const createQueryApi = async (
  config: Config,
  options: QueryApiOptions = {},
): Promise<QueryApi> => {
  const clock =
    options.clock ??
    (config.LICENSE_TEST_CLOCK
      ? new SharedTestClock(new SystemClock(), join(config.DATA_DIR, TEST_CLOCK_FILE))
      : new SystemClock());
  const logger = loggerFor(config, options.logger);
  const db = options.db ?? (await openReadDb(config.READ_DB));
  const eventStore = options.eventStore ?? openEventStore(config, clock);
  const verifier =
    options.verifier ??
    new KeyRingAccessTokenVerifier(
      await openKeyRing({
        dir: config.SIGNING_KEYS_DIR,
        ...(config.SIGNING_PRIVATE_KEY_FILE === undefined
          ? {}
          : { privateKeyFile: config.SIGNING_PRIVATE_KEY_FILE }),
        now: clock.now(),
      }),
      clock,
      new StreamRecordedTokens(eventStore, clock),
    );
  const watcher = new CheckpointWatcher(db);
  const metrics = new Metrics('query-api');
  const adapter = new FastifyAdapter({
    ...httpServerOptions(config),
    ...correlatedFastifyLogging(logger),
  });
  registerCorrelationIds(adapter.getInstance());
  registerHttpMetrics(adapter.getInstance(), metrics);
  const draining = new Draining();
  draining.register(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    QueryApiModule.forRoot({
      db,
      eventStore,
      clock,
      verifier,
      watcher,
      metrics,
      draining,
      readyMaxLag: config.READY_MAX_LAG_EVENTS,
      settings: {
        readYourWritesTimeoutMs: config.READ_YOUR_WRITES_TIMEOUT_MS,
        dashboardRefreshMs: options.dashboardRefreshMs ?? 5000,
        ...(config.METRICS_TOKEN === undefined ? {} : { metricsToken: config.METRICS_TOKEN }),
      },
    }),
    adapter,
    { logger: options.logger === false ? false : new PinoNestLogger(logger) },
  );
  app.useGlobalFilters(new ErrorFilter());
  setUpOpenApi(app);
  return {
    app,
    clock,
    logger,
    metrics,
    close: async () => {
      await app.close();
      watcher.close();
      if (options.db === undefined) await db.destroy();
      if (options.eventStore === undefined) await eventStore.close();
    },
  };
};
