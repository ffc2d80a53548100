// A checkout on a busy license — one holding N live idempotency keys (a render farm's day of
// checkouts and checkins) — beside one on a fresh license (part of npm run bench:store).
// The busy history is decided in memory by the domain's own decider, then appended in bulk;
// both licenses then take checkouts through the pipeline with their state cached (warm).
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type { Clock } from '@lic/clock';
import { licenseDecider, type LicenseCommand, type LicenseEvent } from '@lic/domain';
import type { EventStore, SnapshotStore } from '@lic/event-store';
import { AggregateRepository } from '../src/aggregate-repository';
import { licenseAggregate } from '../src/definitions';
import { appendBulk, percentile } from './bench-support';
import { checkoutCommand, floatingCap, hashOf, issueCommand, meta } from '../src/testing/builders';

export interface BusyLicenseRow {
  readonly keys: number;
  readonly p50: number;
  readonly p99: number;
  /** Bytes of the license's stored snapshot after the measured checkouts. */
  readonly snapshotBytes: number;
}

const checkin = (licenseId: string, n: number | string): LicenseCommand => ({
  type: 'CheckinLease',
  licenseId,
  actor: { kind: 'license', id: licenseId },
  leaseId: `lease-${n}`,
  idempotencyKey: `in-${n}`,
  requestHash: hashOf(`checkin-${n}`),
});

/** `keys` idempotency keys' worth of checkouts and checkins, decided in memory, then appended. */
const fillWithKeys = async (store: EventStore, licenseId: string, keys: number, now: number) => {
  let state = licenseDecider.initialState;
  const events: LicenseEvent[] = [];
  const decide = (command: LicenseCommand, at: number) => {
    const decided = licenseDecider.decide(command, state, { now: at });
    if (E.isLeft(decided)) throw new Error(`${command.type}: ${decided.left.message}`);
    for (const e of decided.right) state = licenseDecider.evolve(state, e);
    events.push(...decided.right);
  };
  const start = now - keys * 100; // all within the last hour: every key is still live
  decide(issueCommand(licenseId, floatingCap(1000)), start);
  for (let i = 0; i < keys / 2; i++) {
    decide(checkoutCommand(licenseId, i), start + i * 200);
    decide(checkin(licenseId, i), start + i * 200 + 100);
  }
  let revision: bigint | 'no_stream' = 'no_stream';
  for (let i = 0; i < events.length; i += 1000) {
    revision = await appendBulk(store, licenseId, events.slice(i, i + 1000), revision);
  }
};

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
      await repo.handle(licenseId, checkin(licenseId, `bench-${i}`), meta());
    }
    await new Promise((r) => setTimeout(r, 200)); // let a snapshot write land
    const snapshot = await snapshots.load(`license-${licenseId}`);
    rows.push({
      keys,
      p50: percentile(times, 0.5),
      p99: percentile(times, 0.99),
      snapshotBytes: snapshot === null ? 0 : JSON.stringify(snapshot.state).length,
    });
  }
  return rows;
};
