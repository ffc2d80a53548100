// A child process of contention.spec.ts: opens the event store named on its command line, and
// fires checkouts concurrently through its own AggregateRepository (its own cache), as a
// second instance of the command side would. Prints one JSON line with what it saw.
import * as E from 'fp-ts/Either';
import { SystemClock } from '@lic/clock';
import { AggregateRepository, licenseAggregate } from '@lic/command-pipeline';
import {
  openEsdbEventStore,
  openSqliteEventStore,
  toClientConnectionString,
} from '@lic/event-store';
import { checkoutCommand, meta } from '../../libs/command-pipeline/src/testing/builders';

const [store, licenseId, from, to] = process.argv.slice(2) as [string, string, string, string];

const main = async () => {
  const clock = new SystemClock();
  const stores =
    toClientConnectionString(store) !== null
      ? openEsdbEventStore({ connectionString: store })
      : openSqliteEventStore({ file: store, clock });
  const repo = new AggregateRepository(
    stores.eventStore,
    stores.snapshotStore,
    licenseAggregate,
    clock,
    {
      maxAttempts: 200,
    },
  );
  await repo.load(licenseId);
  // Wait for the parent's go, so both processes start firing together.
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const results = await Promise.allSettled(
    Array.from({ length: Number(to) - Number(from) }, (_, i) =>
      repo.handle(
        licenseId,
        checkoutCommand(licenseId, `${process.pid}-${Number(from) + i}`),
        meta('license:child'),
      ),
    ),
  );
  const granted = results.filter(
    (r) =>
      r.status === 'fulfilled' &&
      E.isRight(r.value.outcome) &&
      r.value.outcome.right.some((e) => e.type === 'LeaseCheckedOut.v1'),
  ).length;
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
  const retried = results.filter((r) => r.status === 'fulfilled' && r.value.attempts > 1).length;
  process.send?.({ granted, errors, retried });
  await stores.eventStore.close();
};

main().catch((e: unknown) => {
  process.send?.({ granted: 0, errors: [String(e)], retried: 0 });
  process.exit(1);
});
