// A checkout on a busy license — one holding N live idempotency keys (a render farm's day of
// checkouts and checkins) — beside one on a fresh license (part of npm run bench:store).
// The busy history is decided in memory by the domain's own decider, then appended in bulk;
// the licenses then take checkouts through the pipeline with their state cached (warm), in
// interleaved rounds.
// Then a new repository over the same store (a restart) takes one checkout with a new key:
// it reads the snapshot, then the events of the retention window back for the license's memory.
import { randomUUID } from 'node:crypto';
import type { Clock } from '@lic/clock';
import type { EventStore, SnapshotStore } from '@lic/event-store';
import { AggregateRepository } from '../src/aggregate-repository';
import { licenseAggregate } from '../src/definitions';
import { percentile, roundsOf } from './bench-support';
import { checkoutCommand, floatingCap, issueCommand, meta } from '../src/testing/builders';
import { checkinCommand, fillWithKeys } from '../src/testing/busy-history';

export interface BusyLicenseRow {
  readonly keys: number;
  readonly p50: number;
  readonly p99: number;
  /**
   * This license's p99 over the fresh license's, in each round (a contiguous block of the
   * samples, taken by every license alike); the fresh license's are all 1.
   */
  readonly roundRatios: readonly number[];
  /** Bytes of the license's stored snapshot after the measured checkouts. */
  readonly snapshotBytes: number;
  /** The first checkout after a restart (snapshot, tail, memory read back), in ms. */
  readonly afterRestartMs: number;
}

interface License {
  readonly keys: number;
  readonly id: string;
  readonly times: number[];
}

/**
 * Checkout latency (warm) on a fresh license and on one holding each of `sizes` live keys,
 * measured in interleaved turns (one checkout and checkin on each license per turn), so
 * that a noisy machine slows every license alike and the ratios compare like with like. A
 * p99 is the 1 % slowest: of 1,000 samples that is 10, and a few stalls of the shared
 * machine move it. So the samples are cut into `rounds` blocks, each license's p99 is
 * compared with the fresh license's in each block, and the figure is the median of those
 * ratios: one bad moment spoils one round, not the figure.
 */
export const measureBusyLicense = async (
  store: EventStore,
  snapshots: SnapshotStore,
  clock: Clock,
  sizes: readonly number[],
  samples = 5000,
  rounds = 5,
): Promise<BusyLicenseRow[]> => {
  const repo = new AggregateRepository(store, snapshots, licenseAggregate, clock);
  const licenses: License[] = [0, ...sizes].map((keys) => ({
    keys,
    id: `busy-${keys}-${randomUUID().slice(0, 8)}`,
    times: [],
  }));
  for (const { keys, id } of licenses) {
    if (keys === 0) await repo.handle(id, issueCommand(id, floatingCap(1000)), meta());
    else await fillWithKeys(store, id, keys, clock.now());
    await repo.load(id);
  }
  for (let i = 0; i < samples; i++) {
    // Each license takes each place in the round equally often: none always follows the
    // same neighbour's checkin, nor always comes first after the round's snapshot writes.
    const round = licenses.map((_, k) => licenses[(k + i) % licenses.length] as License);
    for (const { id, times } of round) {
      const t = performance.now();
      await repo.handle(id, checkoutCommand(id, `bench-${i}`), meta());
      times.push(performance.now() - t);
      await repo.handle(id, checkinCommand(id, `bench-${i}`), meta());
    }
  }
  await repo.close(); // the last snapshot writes have landed
  const freshP99s = roundsOf((licenses[0] as License).times, rounds).map((b) =>
    percentile(b, 0.99),
  );
  const rows: BusyLicenseRow[] = [];
  for (const { keys, id, times } of licenses) {
    const snapshot = await snapshots.load(`license-${id}`);
    const restarted = new AggregateRepository(store, snapshots, licenseAggregate, clock);
    const t = performance.now();
    await restarted.handle(id, checkoutCommand(id, 'after-restart'), meta());
    const afterRestartMs = performance.now() - t;
    await restarted.close();
    rows.push({
      keys,
      p50: percentile(times, 0.5),
      p99: percentile(times, 0.99),
      roundRatios: roundsOf(times, rounds).map(
        (block, r) => percentile(block, 0.99) / (freshP99s[r] ?? NaN),
      ),
      snapshotBytes: snapshot === null ? 0 : JSON.stringify(snapshot.state).length,
      afterRestartMs,
    });
  }
  return rows;
};
