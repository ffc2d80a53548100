import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AggregateRepository } from '@lic/command-pipeline';
import type { EventStore } from '@lic/event-store';
import { Draining } from '@lic/observability';
import { SealScheduler } from '../audit/seal-scheduler';
import { ExpirySweeper } from '../sweeper/expiry-sweeper';
import { DRAINING, EVENT_STORE, LICENSE_REPOSITORY, PRODUCT_REPOSITORY } from './tokens';

type Repository = Pick<AggregateRepository<unknown, never, unknown>, 'close' | 'flushTallies'>;

/**
 * Graceful shutdown, in order (Nest runs one module's hooks in parallel, so this sequences
 * them): stop accepting requests and let the in-flight ones finish, stop the sweeper, record
 * the tallied refusals, record a last seal, let snapshot saves finish, then close the event store (SQLite
 * checkpoints its WAL; the KurrentDB client releases its streams). Every answered command was appended
 * before its answer was sent, so none is lost.
 */
@Injectable()
export class Lifecycle implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly http: HttpAdapterHost,
    private readonly sweeper: ExpirySweeper,
    private readonly seals: SealScheduler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DRAINING) private readonly draining: Draining,
    @Inject(LICENSE_REPOSITORY) private readonly licenses: Repository,
    @Inject(PRODUCT_REPOSITORY) private readonly products: Repository,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const adapter = this.http.httpAdapter;
    if (adapter) await this.draining.drain(adapter.getHttpServer(), () => adapter.close());
    await this.sweeper.stop();
    await this.licenses.flushTallies(); // U2: the refusals still counted in memory
    await this.seals.stop(); // the last seal covers everything appended above
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.licenses.close(), this.products.close()]); // snapshot saves in flight
    await this.store.close(); // waits for any call still in flight; refuses later ones
  }
}
