import { AggregateRepository, licenseAggregate } from '@lic/command-pipeline';
import { fixedClock } from '@lic/clock';
import { openSqliteEventStore } from '@lic/event-store';
import {
  checkoutCommand,
  floatingCap,
  issueCommand,
  meta,
} from '../../../../libs/command-pipeline/src/testing/builders';
import { UnfoldableHistoryError, foldLicenseAt, seatsAt } from './as-of-seats';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');

describe('the as-of fold reads stored events through the one decode point', () => {
  const setUp = async () => {
    const clock = fixedClock(T0);
    const stores = openSqliteEventStore({ file: ':memory:', clock });
    const repo = new AggregateRepository(
      stores.eventStore,
      stores.snapshotStore,
      licenseAggregate,
      clock,
    );
    await repo.handle('L', issueCommand('L', floatingCap(5)), meta());
    await repo.handle('L', checkoutCommand('L', 1), meta());
    const append = (type: string, data: unknown, revision: bigint) =>
      stores.eventStore.appendToStream(
        'license-L',
        [
          {
            id: crypto.randomUUID(),
            type,
            data: data as Record<string, unknown>,
            metadata: meta(),
          },
        ],
        revision,
      );
    return { stores, append };
  };

  it('A3: an event of a type this code does not know is skipped (the audit log has it)', async () => {
    const { stores, append } = await setUp();
    await append('Billing.v1', { amount: 12 }, 1n);
    const folded = await foldLicenseAt(stores.eventStore, 'L', T0 + 1000);
    expect(folded && seatsAt(folded, T0 + 1000).seats.lease?.in_use).toBe(1);
    await stores.eventStore.close();
  });

  it('A3: an as-of view is never folded over a known event that does not decode', async () => {
    const { stores, append } = await setUp();
    await append('LeaseCheckedOut.v2', { leaseId: 7 }, 1n);
    await expect(foldLicenseAt(stores.eventStore, 'L', T0 + 1000)).rejects.toThrow(
      UnfoldableHistoryError,
    );
    await stores.eventStore.close();
  });
});
