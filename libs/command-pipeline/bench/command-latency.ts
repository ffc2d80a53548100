// The latency of one command on a license whose stream already holds 10^2, 10^4, 10^6 events
// (part of npm run bench:store). The long streams are written in bulk (heartbeats produced
// with the domain's own event factory), then the pipeline runs heartbeats against them:
//  - warm: the license's (state, revision) is cached, as for a steady stream of heartbeats
//  - cold: the cache is emptied before every command: snapshot + bounded tail + decide + append
import { randomUUID } from 'node:crypto';
import type { Clock } from '@lic/clock';
import { eventsFor, toIso, type LicenseEvent } from '@lic/domain';
import type { EventStore, SnapshotStore } from '@lic/event-store';
import { AggregateRepository } from '../src/aggregate-repository';
import { licenseAggregate } from '../src/definitions';
import { appendBulk, percentile } from './bench-support';
import {
  checkoutCommand,
  floatingCap,
  heartbeatCommand,
  issueCommand,
  meta,
} from '../src/testing/builders';

export interface LatencyRow {
  readonly events: number;
  readonly warmP50: number;
  readonly warmP99: number;
  readonly coldP50: number;
  readonly coldP99: number;
  readonly firstLoadMs: number;
}

/** Appends `count` heartbeat events for lease-1 of `licenseId`, in batches. */
const fill = async (store: EventStore, licenseId: string, count: number, now: number) => {
  const batch = 1000;
  let revision = 1n; // issued (0) + checked out (1)
  for (let written = 0; written < count; written += batch) {
    const n = Math.min(batch, count - written);
    const events = Array.from({ length: n }, (_, i): LicenseEvent => {
      const at = now - (count - written - i) * 10;
      return eventsFor(licenseId, at, { kind: 'license', id: licenseId })('LeaseHeartbeat.v1', {
        leaseId: 'lease-1',
        expiresAt: toIso(at + 15 * 60_000),
        via: 'heartbeat',
        token: null,
      });
    });
    revision = await appendBulk(store, licenseId, events, revision);
  }
};

export const measureCommandLatency = async (
  store: EventStore,
  snapshots: SnapshotStore,
  clock: Clock,
  sizes: readonly number[],
  samples = 200,
  log: (line: string) => void = () => undefined,
  /** false: without the hash chain (only to measure what the chain costs). */
  chain = true,
): Promise<LatencyRow[]> => {
  const rows: LatencyRow[] = [];
  for (const size of sizes) {
    const licenseId = `latency-${size}-${randomUUID().slice(0, 8)}`;
    const repo = new AggregateRepository(store, snapshots, licenseAggregate, clock, { chain });
    await repo.handle(licenseId, issueCommand(licenseId, floatingCap(10)), meta());
    await repo.handle(licenseId, checkoutCommand(licenseId, 1), meta());
    log(`  writing ${size.toLocaleString()} events…`);
    await fill(store, licenseId, Math.max(0, size - 2), clock.now());
    repo.evict();
    let t = performance.now();
    await repo.load(licenseId); // the first cold load reads everything once and snapshots it
    const firstLoadMs = performance.now() - t;
    await new Promise((r) => setTimeout(r, 200)); // let the snapshot write land
    const warm: number[] = [];
    for (let i = 0; i < samples; i++) {
      t = performance.now();
      await repo.handle(licenseId, heartbeatCommand(licenseId, 'lease-1'), meta());
      warm.push(performance.now() - t);
    }
    const cold: number[] = [];
    for (let i = 0; i < samples; i++) {
      repo.evict();
      t = performance.now();
      await repo.handle(licenseId, heartbeatCommand(licenseId, 'lease-1'), meta());
      cold.push(performance.now() - t);
    }
    rows.push({
      events: size,
      warmP50: percentile(warm, 0.5),
      warmP99: percentile(warm, 0.99),
      coldP50: percentile(cold, 0.5),
      coldP99: percentile(cold, 0.99),
      firstLoadMs,
    });
  }
  return rows;
};
