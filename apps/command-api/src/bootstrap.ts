import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SystemClock, TestClock, type Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import { openEventStore } from './infrastructure/open-stores';
import { openKeyRing, type KeyRing } from '@lic/signing';
import { CommandApiModule } from './app.module';
import { ErrorFilter } from './http/error.filter';
import { newRequestId, registerRequestIds } from './http/request-context';
import { setUpOpenApi } from './openapi/openapi';

export interface CommandApi {
  readonly app: NestFastifyApplication;
  readonly clock: Clock;
  readonly ring: KeyRing;
  close(): Promise<void>;
}

/**
 * Opens the event store and the key ring named by the configuration, and builds the Nest
 * application on Fastify (not listening yet). Used by main.ts and by the end-to-end tests.
 */
export const createCommandApi = async (
  config: Config,
  options: { logger?: false | ('error' | 'warn' | 'log')[] } = {},
): Promise<CommandApi> => {
  const clock: Clock = config.LICENSE_TEST_CLOCK
    ? new TestClock(new SystemClock())
    : new SystemClock();
  const { eventStore, snapshotStore } = openEventStore(config.EVENT_STORE, clock);
  const ring = await openKeyRing({
    dir: config.SIGNING_KEYS_DIR,
    privateKeyFile: config.SIGNING_PRIVATE_KEY_FILE,
    now: clock.now(),
  });
  const adapter = new FastifyAdapter({ bodyLimit: 64 * 1024, genReqId: newRequestId });
  registerRequestIds(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    CommandApiModule.forRoot({ config, clock, eventStore, snapshotStore, ring }),
    adapter,
    { logger: options.logger ?? ['error', 'warn', 'log'], bufferLogs: false },
  );
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  setUpOpenApi(app);
  return {
    app,
    clock,
    ring,
    close: async () => {
      await app.close();
      await eventStore.close();
    },
  };
};
