import { AggregateRepository, licenseAggregate, productAggregate } from '@lic/command-pipeline';
import type { Clock, TestClock } from '@lic/clock';
import type { EventStore, SnapshotStore } from '@lic/event-store';
import type { Policy } from '@lic/domain';
import { commandOf, type Step } from './steps';

/** The real command pipeline over one store: a repository per aggregate, on the clock given. */
export const pipelineOn = (
  store: { eventStore: EventStore; snapshotStore: SnapshotStore },
  clock: Clock,
) => ({
  products: new AggregateRepository(store.eventStore, store.snapshotStore, productAggregate, clock),
  licenses: new AggregateRepository(store.eventStore, store.snapshotStore, licenseAggregate, clock),
});

export const propertyMeta = {
  correlationId: 'property',
  causationId: null,
  actor: 'admin:prop-admin',
};
export const propertyAdmin = { kind: 'admin' as const, id: 'prop-admin' };

type Licenses = ReturnType<typeof pipelineOn>['licenses'];

/** Issues a license of the generated variant with the policy given. */
export const issueGenerated = (
  licenses: Licenses,
  ids: { licenseId: string; productId: string },
  policy: Policy,
  licensee: string | null,
) =>
  licenses.handle(
    ids.licenseId,
    {
      type: 'IssueLicense',
      licenseId: ids.licenseId,
      actor: propertyAdmin,
      productId: ids.productId,
      variantId: 'generated',
      policy,
      keyHash: 'a'.repeat(64),
      licensee,
      trial: false,
    },
    propertyMeta,
  );

type Decided = Awaited<ReturnType<Licenses['handle']>>;

/**
 * Runs the steps against the license through the pipeline: time jumps advance the clock,
 * every other step is decided; `each` sees every decision. Returns the last one.
 */
export const runSteps = async (
  licenses: Licenses,
  licenseId: string,
  first: Decided,
  steps: readonly Step[],
  clock: TestClock,
  each: (decided: Decided) => void = () => undefined,
): Promise<Decided> => {
  let decided = first;
  let seq = 0;
  for (const step of steps) {
    if (step.kind === 'advance') {
      clock.advance(step.ms);
      continue;
    }
    const command = commandOf(step, licenseId, decided.state, clock.now(), seq++);
    decided = await licenses.handle(licenseId, command, propertyMeta);
    each(decided);
  }
  return decided;
};

/** The instant every generated history starts at. */
export const PROPERTY_T0 = Date.parse('2026-03-02T09:00:00.000Z');
