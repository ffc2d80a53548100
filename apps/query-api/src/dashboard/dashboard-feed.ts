import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CheckpointWatcher } from '../consistency/checkpoint-watcher';
import { QUERY_API_SETTINGS } from '../infrastructure/tokens';
import type { QueryApiSettings } from '../query-api.settings';
import { GetDashboardSnapshot } from './queries';

type Listener = (message: string) => void;

/**
 * One feed for every open dashboard: a snapshot is computed once — when the projector's
 * checkpoint moves, and every few seconds since holders lapse with time alone — and sent to
 * all of them as a server-sent event. Nothing is computed while no dashboard is open.
 */
@Injectable()
export class DashboardFeed implements OnApplicationShutdown {
  private readonly logger = new Logger('dashboard');
  private readonly listeners = new Set<Listener>();
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private again = false;
  private last: string | undefined;

  constructor(
    private readonly watcher: CheckpointWatcher,
    private readonly queries: QueryBus,
    @Inject(QUERY_API_SETTINGS) private readonly settings: QueryApiSettings,
  ) {}

  /** Sends the latest snapshot at once (computing it if needed), then every new one. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      this.unsubscribe = this.watcher.subscribe(() => void this.refresh());
      this.timer = setInterval(() => void this.refresh(), this.settings.dashboardRefreshMs);
      void this.refresh();
    } else if (this.last !== undefined) listener(this.last);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  onApplicationShutdown(): void {
    this.listeners.clear();
    this.stop();
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.last = undefined;
  }

  private async refresh(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      do {
        this.again = false;
        const snapshot = await this.queries.execute(new GetDashboardSnapshot());
        const id = snapshot.position ?? '0';
        this.last = `event: snapshot\nid: ${id}\ndata: ${JSON.stringify(snapshot)}\n\n`;
        for (const listener of [...this.listeners]) listener(this.last);
      } while (this.again && this.listeners.size > 0);
    } catch (error) {
      this.logger.error(error instanceof Error ? error.message : String(error));
    } finally {
      this.busy = false;
    }
  }
}
