import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import {
  LagReader,
  OperationsModule,
  eventStoreAnswers,
  projectionWithin,
  readDbAnswers,
} from '@lic/app';
import type { Clock } from '@lic/clock';
import type { EventStore } from '@lic/event-store';
import type { KeyRing } from '@lic/signing';
import type { Metrics } from '@lic/observability';
import { AuditController } from './audit/audit.controller';
import { SealsController } from './audit/seals.controller';
import { ChainExportController } from './audit/chain-export.controller';
import { AuditReader } from './audit/audit-reader';
import { AUDIT_QUERY_HANDLERS } from './audit/queries';
import type { AccessTokenVerifier } from './auth/access-token-verifier';
import { AuthGuard } from './auth/auth.guard';
import { CheckpointWatcher } from './consistency/checkpoint-watcher';
import { ReadMoment } from './consistency/read-moment';
import { ReadYourWritesInterceptor } from './consistency/read-your-writes.interceptor';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardFeed } from './dashboard/dashboard-feed';
import { DashboardStreams } from './dashboard/dashboard-streams';
import { DASHBOARD_QUERY_HANDLERS } from './dashboard/queries';
import { HolderReader } from './holders/holder-reader';
import { HoldersController } from './holders/holders.controller';
import { HOLDER_QUERY_HANDLERS } from './holders/queries';
import type { Draining } from '@lic/observability';
import { Lifecycle } from './infrastructure/lifecycle';
import {
  ACCESS_TOKEN_VERIFIER,
  CLOCK,
  DRAINING,
  EVENT_STORE,
  KEY_RING,
  METRICS,
  QUERY_API_SETTINGS,
  READ_DB,
} from './infrastructure/tokens';
import { LicenseReader } from './licenses/license-reader';
import { LicensesController } from './licenses/licenses.controller';
import { LICENSE_QUERY_HANDLERS } from './licenses/queries';
import type { QueryApiSettings } from './query-api.settings';
import { ProductReader } from './products/product-reader';
import { ProductsController } from './products/products.controller';
import { PRODUCT_QUERY_HANDLERS } from './products/queries';
import { RefusalReader } from './refusals/refusal-reader';
import { RefusalsController } from './refusals/refusals.controller';
import { REFUSAL_QUERY_HANDLERS } from './refusals/queries';
import { REPORT_QUERY_HANDLERS } from './reports/queries';
import { ReportsController } from './reports/reports.controller';
import { SEATS_QUERY_HANDLERS } from './seats/queries';
import { SeatsController } from './seats/seats.controller';
import { STATUS_QUERY_HANDLERS } from './status/queries';
import { StatusController } from './status/status.controller';

/** One handler per read: each controller decodes, asks the QueryBus, encodes. */
const QUERY_HANDLERS = [
  ...LICENSE_QUERY_HANDLERS,
  ...SEATS_QUERY_HANDLERS,
  ...HOLDER_QUERY_HANDLERS,
  ...REFUSAL_QUERY_HANDLERS,
  ...AUDIT_QUERY_HANDLERS,
  ...REPORT_QUERY_HANDLERS,
  ...PRODUCT_QUERY_HANDLERS,
  ...STATUS_QUERY_HANDLERS,
  ...DASHBOARD_QUERY_HANDLERS,
];

/** What the query API is built from, opened before Nest starts (see bootstrap.ts). */
export interface QueryApiDeps {
  readonly db: DataSource;
  readonly eventStore: EventStore;
  readonly clock: Clock;
  readonly verifier: AccessTokenVerifier;
  readonly watcher: CheckpointWatcher;
  readonly settings: QueryApiSettings;
  readonly metrics: Metrics;
  readonly draining: Draining;
  /** READY_MAX_LAG_EVENTS: readiness fails when the read models lag further behind. */
  readonly readyMaxLag: number;
  /** Signs the audit export's manifest. */
  readonly ring: KeyRing;
}

@Module({})
export class QueryApiModule {
  static forRoot(deps: QueryApiDeps): DynamicModule {
    const lag = new LagReader(deps.db, deps.eventStore, deps.clock, deps.metrics, deps.readyMaxLag);
    return {
      module: QueryApiModule,
      imports: [
        CqrsModule.forRoot(),
        OperationsModule.forRoot({
          metrics: deps.metrics,
          metricsToken: deps.settings.metricsToken,
          lag,
          readiness: [
            eventStoreAnswers(deps.eventStore),
            readDbAnswers(deps.db),
            projectionWithin(lag, deps.readyMaxLag),
          ],
        }),
      ],
      controllers: [
        LicensesController,
        SeatsController,
        HoldersController,
        RefusalsController,
        SealsController,
        ChainExportController,
        AuditController,
        ReportsController,
        ProductsController,
        StatusController,
        DashboardController,
      ],
      providers: [
        { provide: READ_DB, useValue: deps.db },
        { provide: EVENT_STORE, useValue: deps.eventStore },
        { provide: KEY_RING, useValue: deps.ring },
        { provide: CLOCK, useValue: deps.clock },
        { provide: ACCESS_TOKEN_VERIFIER, useValue: deps.verifier },
        { provide: QUERY_API_SETTINGS, useValue: deps.settings },
        { provide: CheckpointWatcher, useValue: deps.watcher },
        { provide: LicenseReader, useFactory: () => new LicenseReader(deps.db) },
        { provide: HolderReader, useFactory: () => new HolderReader(deps.db) },
        { provide: AuditReader, useFactory: () => new AuditReader(deps.db) },
        { provide: RefusalReader, useFactory: () => new RefusalReader(deps.db) },
        { provide: ProductReader, useFactory: () => new ProductReader(deps.db) },
        ReadMoment,
        ...QUERY_HANDLERS,
        { provide: METRICS, useValue: deps.metrics },
        { provide: DRAINING, useValue: deps.draining },
        Lifecycle,
        DashboardFeed,
        DashboardStreams,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
      ],
    };
  }
}
