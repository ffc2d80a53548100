import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  issueLicense,
  startCommandApi,
  type Running,
} from '../../../apps/command-api/test/harness';
import { LicenseClient, type LicenseClientOptions } from '@lic/sdk';
import { ClockScheduler } from './clock-scheduler';

export const DAY = 86_400;

/** A real command API (test clock, fresh SQLite store), and SDK clients on its clock. */
export interface SdkWorld {
  readonly api: Running;
  readonly scheduler: ClockScheduler;
  readonly dir: string;
  /** A client on the server's clock and the clock-driven scheduler; fetch through `flaky`. */
  client(key: string, options?: Partial<LicenseClientOptions>): LicenseClient;
  /** Moves the server's (and so the SDK's) clock, then runs whatever became due. */
  advance(seconds: number): Promise<void>;
  license(
    variant: string,
    seats?: Record<string, number>,
  ): Promise<{ licenseId: string; key: string }>;
  /** Events of one license's stream, by type. */
  eventsOf(licenseId: string, type: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export const startWorld = async (): Promise<SdkWorld> => {
  const api = await startCommandApi();
  const scheduler = new ClockScheduler(api.clock);
  const dir = mkdtempSync(join(tmpdir(), 'sdk-'));
  let n = 0;
  return {
    api,
    scheduler,
    dir,
    client: (key, options = {}) =>
      new LicenseClient({
        serverUrl: api.url,
        licenseKey: key,
        fingerprint: 'ws-1',
        cacheFile: join(dir, `cache-${++n}.lic`),
        clock: api.clock,
        scheduler,
        exitHooks: false,
        random: () => 0.5,
        ...options,
      }),
    advance: async (seconds) => {
      await api.advance(seconds);
      await scheduler.settle();
    },
    license: (variant, seats = {}) => issueLicense(api, variant, seats),
    eventsOf: async (licenseId, type) =>
      (await api.events())
        .filter((e) => e.streamName === `license-${licenseId}` && e.type === type)
        .map((e) => e.data as Record<string, unknown>),
    close: async () => {
      scheduler.stop();
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
