import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ServerResponse } from 'node:http';

/** Open event streams, ended when the application shuts down (they never end by themselves). */
@Injectable()
export class DashboardStreams implements OnApplicationShutdown {
  private readonly open = new Map<ServerResponse, () => void>();

  add(response: ServerResponse, cleanup: () => void): void {
    this.open.set(response, cleanup);
  }

  remove(response: ServerResponse): void {
    this.open.delete(response);
  }

  onApplicationShutdown(): void {
    for (const [response, cleanup] of this.open) {
      cleanup();
      response.end();
    }
    this.open.clear();
  }
}
