// A child process of contention.spec.ts: opens the event store named on its command line, and
// fires checkouts concurrently through its own AggregateRepository (its own cache), as a
// second instance of the command side would. Sends its parent what it saw: leases granted,
// errors, and how many of its decisions had to be taken again after the other process wrote.
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
  // Tell the parent this process is ready, and wait for its go, so both start firing together.
  const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
  process.send?.({ ready: true });
  await go;
  // Read the stream afresh at the go: a decision taken again from here on follows an append
  // made by the other process while this one was firing.
  await repo.load(licenseId);
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
      r.value.outcome.right.some((e) => e.type === 'LeaseCheckedOut.v2'),
  ).length;
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
  const attempts = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.attempts] : []));
  // Commands decided more than once, and the decisions taken again in all: each one follows
  // an append by the other process to the same stream (a conflict, or a stale silent decision).
  const retried = attempts.filter((n) => n > 1).length;
  const conflicts = attempts.reduce((sum, n) => sum + n - 1, 0);
  process.send?.({ granted, errors, retried, conflicts });
  await stores.eventStore.close();
};

main().catch((e: unknown) => {
  process.send?.({ granted: 0, errors: [String(e)], retried: 0, conflicts: 0 });
  process.exit(1);
});
