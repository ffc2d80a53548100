import { Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { OperationsModule, eventStoreAnswers } from '@lic/app';
import { AggregateRepository, licenseAggregate, productAggregate } from '@lic/command-pipeline';
import type { Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import type { EventStore, SnapshotStore } from '@lic/event-store';
import type { Metrics } from '@lic/observability';
import type { KeyRing } from '@lic/signing';
import { LicensesController } from './admin/licenses.controller';
import { ProductsController } from './admin/products.controller';
import { TokensController } from './admin/tokens.controller';
import { AccessTokenRegistry } from './auth/access-token-registry';
import { Authenticator } from './auth/authenticator';
import { FloatingController } from './client/floating.controller';
import { MachinesController } from './client/machines.controller';
import { SessionsController } from './client/sessions.controller';
import { CommandHandlers, CommandServices } from './commands';
import type { Draining } from '@lic/observability';
import { Lifecycle } from './infrastructure/lifecycle';
import { cryptoRandom } from './infrastructure/random';
import {
  ACCESS_TOKEN_REGISTRY,
  CLOCK,
  CONFIG,
  DRAINING,
  EVENT_STORE,
  KEY_RING,
  LICENSE_REPOSITORY,
  METRICS,
  PRODUCT_REPOSITORY,
  RANDOM,
  SNAPSHOT_STORE,
} from './infrastructure/tokens';
import { SealScheduler } from './audit/seal-scheduler';
import { KeyRingRefresher } from './signing/key-ring-refresher';
import { Signer } from './signing/signer';
import { ExpirySweeper } from './sweeper/expiry-sweeper';
import { TestClockController } from './test-clock/test-clock.controller';
import { JwksController } from './well-known/jwks.controller';

/** What the command API is built from, opened before Nest starts (see bootstrap.ts). */
export interface CommandApiDeps {
  readonly config: Config;
  readonly clock: Clock;
  readonly eventStore: EventStore;
  readonly snapshotStore: SnapshotStore;
  readonly ring: KeyRing;
  readonly metrics: Metrics;
  readonly draining: Draining;
}

const tallyLogger = new Logger('refusal-tally');

@Module({})
export class CommandApiModule {
  static forRoot(deps: CommandApiDeps): DynamicModule {
    const repositories: Provider[] = [
      {
        provide: LICENSE_REPOSITORY,
        useFactory: () =>
          new AggregateRepository(
            deps.eventStore,
            deps.snapshotStore,
            licenseAggregate,
            deps.clock,
            {
              onTallyError: (error, id) =>
                tallyLogger.error(
                  `cannot record the refusals tallied for license ${id} yet: ${String(error)}`,
                ),
            },
          ),
      },
      {
        provide: PRODUCT_REPOSITORY,
        useFactory: () =>
          new AggregateRepository(
            deps.eventStore,
            deps.snapshotStore,
            productAggregate,
            deps.clock,
          ),
      },
    ];
    return {
      module: CommandApiModule,
      imports: [
        CqrsModule.forRoot(),
        OperationsModule.forRoot({
          metrics: deps.metrics,
          metricsToken: deps.config.METRICS_TOKEN,
          readiness: [eventStoreAnswers(deps.eventStore)],
        }),
      ],
      controllers: [
        FloatingController,
        MachinesController,
        SessionsController,
        ProductsController,
        LicensesController,
        TokensController,
        JwksController,
        ...(deps.config.LICENSE_TEST_CLOCK ? [TestClockController] : []),
      ],
      providers: [
        { provide: CONFIG, useValue: deps.config },
        { provide: CLOCK, useValue: deps.clock },
        { provide: EVENT_STORE, useValue: deps.eventStore },
        { provide: SNAPSHOT_STORE, useValue: deps.snapshotStore },
        { provide: KEY_RING, useValue: deps.ring },
        { provide: RANDOM, useValue: cryptoRandom },
        { provide: METRICS, useValue: deps.metrics },
        { provide: DRAINING, useValue: deps.draining },
        ...repositories,
        {
          provide: ACCESS_TOKEN_REGISTRY,
          useFactory: () =>
            new AccessTokenRegistry(deps.eventStore, deps.snapshotStore, deps.clock),
        },
        { provide: AccessTokenRegistry, useExisting: ACCESS_TOKEN_REGISTRY },
        Authenticator,
        Signer,
        KeyRingRefresher,
        SealScheduler,
        ...CommandServices,
        ...CommandHandlers,
        ExpirySweeper,
        Lifecycle,
      ],
    };
  }
}
