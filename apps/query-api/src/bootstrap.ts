import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { SystemClock, type Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import type { EventStore } from '@lic/event-store';
import { openReadDb } from '@lic/read-models';
import { openKeyRing } from '@lic/signing';
import { KeyRingAccessTokenVerifier, type AccessTokenVerifier } from './auth/access-token-verifier';
import { CheckpointWatcher } from './consistency/checkpoint-watcher';
import { ErrorFilter } from './http/error.filter';
import { openEventStore } from './infrastructure/open-event-store';
import { setUpOpenApi } from './openapi/openapi';
import { QueryApiModule } from './query-api.module';

export interface QueryApi {
  readonly app: NestFastifyApplication;
  readonly clock: Clock;
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
  readonly logger?: false | ('error' | 'warn' | 'log')[];
}

/**
 * Opens the read database (migrating it if the projector has not yet), the event store (for
 * as-of queries) and the key ring, and builds the Nest application on Fastify (not listening
 * yet). Used by main.ts and the tests.
 */
export const createQueryApi = async (
  config: Config,
  options: QueryApiOptions = {},
): Promise<QueryApi> => {
  const clock = options.clock ?? new SystemClock();
  const db = options.db ?? (await openReadDb(config.READ_DB));
  const eventStore = options.eventStore ?? openEventStore(config.EVENT_STORE, clock);
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
    );
  const watcher = new CheckpointWatcher(db);
  const app = await NestFactory.create<NestFastifyApplication>(
    QueryApiModule.forRoot({
      db,
      eventStore,
      clock,
      verifier,
      watcher,
      settings: {
        readYourWritesTimeoutMs: config.READ_YOUR_WRITES_TIMEOUT_MS,
        dashboardRefreshMs: options.dashboardRefreshMs ?? 5000,
      },
    }),
    new FastifyAdapter({ forceCloseConnections: true }),
    { logger: options.logger ?? ['error', 'warn'] },
  );
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  setUpOpenApi(app);
  return {
    app,
    clock,
    close: async () => {
      watcher.close();
      await app.close();
      if (options.db === undefined) await db.destroy();
      if (options.eventStore === undefined) await eventStore.close();
    },
  };
};
