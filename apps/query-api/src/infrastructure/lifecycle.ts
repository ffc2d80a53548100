import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CheckpointWatcher } from '../consistency/checkpoint-watcher';
import { DashboardStreams } from '../dashboard/dashboard-streams';
import type { Draining } from '@lic/observability';
import { DRAINING } from './tokens';

/**
 * Graceful shutdown, in order: end the dashboards' event streams (they never end by
 * themselves), then stop accepting requests and let the in-flight ones finish and be answered,
 * then stop following the checkpoint. The stores are closed after this (see bootstrap.ts).
 */
@Injectable()
export class Lifecycle implements BeforeApplicationShutdown {
  constructor(
    private readonly http: HttpAdapterHost,
    private readonly streams: DashboardStreams,
    private readonly watcher: CheckpointWatcher,
    @Inject(DRAINING) private readonly draining: Draining,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    this.streams.onApplicationShutdown();
    const adapter = this.http.httpAdapter;
    if (adapter) await this.draining.drain(adapter.getHttpServer(), () => adapter.close());
    this.watcher.close();
  }
}
