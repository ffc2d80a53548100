import { AggregateRepository, licenseAggregate, recordSeal } from '@lic/command-pipeline';
import type { SealingKey } from '@lic/audit-chain';
import type { TestClock } from '@lic/clock';
import type { EventStore, SnapshotStore } from '@lic/event-store';
import {
  checkoutCommand,
  floatingCap,
  heartbeatCommand,
  issueCommand,
  meta,
} from '../../../libs/command-pipeline/src/testing/builders';

/** A small deterministic PRNG (mulberry32). */
export const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/**
 * A long random history through the real pipeline: licenses issued, leases checked out and
 * heartbeated while the clock moves (so leases lapse), a seal now and then. Returns the
 * license ids and the instants it spans.
 */
export const writeRandomHistory = async (
  stores: { eventStore: EventStore; snapshotStore: SnapshotStore },
  clock: TestClock,
  key: SealingKey,
  steps: number,
  seed: number,
): Promise<{ licenses: string[]; start: number; end: number }> => {
  const random = prng(seed);
  const repo = new AggregateRepository(
    stores.eventStore,
    stores.snapshotStore,
    licenseAggregate,
    clock,
    { snapshotEvery: 40 },
  );
  const start = clock.now();
  const licenses = ['A', 'B', 'C', 'D'];
  for (const id of licenses) await repo.handle(id, issueCommand(id, floatingCap(3)), meta());
  for (let i = 0; i < steps; i++) {
    const id = licenses[Math.floor(random() * licenses.length)];
    const lease = Math.floor(random() * 6);
    const command =
      random() < 0.6
        ? checkoutCommand(id, `${id}-${i}`)
        : heartbeatCommand(id, `lease-${id}-${lease}`);
    await repo.handle(id, command, meta(`license:${id}`));
    clock.advance(Math.floor(random() * 4 * 60_000));
    if (i % 97 === 96) await recordSeal(stores.eventStore, clock, () => key);
  }
  await recordSeal(stores.eventStore, clock, () => key);
  await repo.close();
  return { licenses, start, end: clock.now() };
};
