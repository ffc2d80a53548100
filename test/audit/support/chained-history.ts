import { AggregateRepository, licenseAggregate } from '@lic/command-pipeline';
import type { Clock } from '@lic/clock';
import type { EventStore, SnapshotStore } from '@lic/event-store';
import {
  checkoutCommand,
  floatingCap,
  issueCommand,
  meta,
} from '../../../libs/command-pipeline/src/testing/builders';

/** Two licenses decided through the real pipeline: license-L1 gets revisions 0..5. */
export const writeChainedHistory = async (
  stores: { eventStore: EventStore; snapshotStore: SnapshotStore },
  clock: Clock,
): Promise<void> => {
  const repo = new AggregateRepository(
    stores.eventStore,
    stores.snapshotStore,
    licenseAggregate,
    clock,
  );
  for (const id of ['L1', 'L2']) {
    await repo.handle(id, issueCommand(id, floatingCap(10)), meta());
    for (let i = 0; i < 5; i++) await repo.handle(id, checkoutCommand(id, `${id}-${i}`), meta());
  }
  await repo.close();
};
