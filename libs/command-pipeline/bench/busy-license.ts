// A checkout on a busy license — one holding N live idempotency keys (a render farm's day of
// checkouts and checkins) — beside one on a fresh license (part of npm run bench:store).
// The busy history is decided in memory by the domain's own decider, then appended in bulk;
// both licenses then take checkouts through the pipeline with their state cached (warm).
// Then a new repository over the same store (a restart) takes one checkout with a new key:
// it reads the snapshot, then the events of the retention window back for the license's memory.
import { randomUUID } from 'node:crypto';
import type { Clock } from '@lic/clock';
import type { EventStore, SnapshotStore } from '@lic/event-store';
import { AggregateRepository } from '../src/aggregate-repository';
import { licenseAggregate } from '../src/definitions';
import { percentile } from './bench-support';
import { checkoutCommand, floatingCap, issueCommand, meta } from '../src/testing/builders';
import { checkinCommand, fillWithKeys } from '../src/testing/busy-history';

export interface BusyLicenseRow {
  readonly keys: number;
  readonly p50: number;
  readonly p99: number;
  /** Bytes of the license's stored snapshot after the measured checkouts. */
  readonly snapshotBytes: number;
  /** The first checkout after a restart (snapshot, tail, memory read back), in ms. */
  readonly afterRestartMs: number;
}

/** Checkout latency (warm) on a fresh license and on one holding each of `sizes` live keys. */
export const measureBusyLicense = async (
  store: EventStore,
  snapshots: SnapshotStore,
  clock: Clock,
  sizes: readonly number[],
  samples = 300,
): Promise<BusyLicenseRow[]> => {
  const rows: BusyLicenseRow[] = [];
  for (const keys of [0, ...sizes]) {
    const licenseId = `busy-${keys}-${randomUUID().slice(0, 8)}`;
    const repo = new AggregateRepository(store, snapshots, licenseAggregate, clock);
    if (keys === 0)
      await repo.handle(licenseId, issueCommand(licenseId, floatingCap(1000)), meta());
    else await fillWithKeys(store, licenseId, keys, clock.now());
    await repo.load(licenseId);
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      await repo.handle(licenseId, checkoutCommand(licenseId, `bench-${i}`), meta());
      times.push(performance.now() - t);
      await repo.handle(licenseId, checkinCommand(licenseId, `bench-${i}`), meta());
    }
    await repo.close(); // the last snapshot write has landed
    const snapshot = await snapshots.load(`license-${licenseId}`);
    const restarted = new AggregateRepository(store, snapshots, licenseAggregate, clock);
    const t = performance.now();
    await restarted.handle(licenseId, checkoutCommand(licenseId, 'after-restart'), meta());
    const afterRestartMs = performance.now() - t;
    await restarted.close();
    rows.push({
      keys,
      p50: percentile(times, 0.5),
      p99: percentile(times, 0.99),
      snapshotBytes: snapshot === null ? 0 : JSON.stringify(snapshot.state).length,
      afterRestartMs,
    });
  }
  return rows;
};
