import * as E from 'fp-ts/Either';
import { verifyChain, type ChainEvent } from '@lic/audit-chain';
import { fixedClock, type TestClock } from '@lic/clock';
import { openSqliteEventStore, type EventStore, type SnapshotStore } from '@lic/event-store';
import { AggregateRepository } from '../aggregate-repository';
import { licenseAggregate } from '../definitions';
import { checkoutCommand, floatingCap, issueCommand, meta } from '../testing/builders';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');
type Stores = { eventStore: EventStore; snapshotStore: SnapshotStore };

const repoOn = (stores: Stores, clock: TestClock, snapshotEvery = 500) =>
  new AggregateRepository(stores.eventStore, stores.snapshotStore, licenseAggregate, clock, {
    snapshotEvery,
  });

const history = async (store: EventStore): Promise<ChainEvent[]> => {
  const events: ChainEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  return events;
};

describe('the hash chain written by the command pipeline', () => {
  it('links every event to its predecessor in the stream, from null at revision 0', async () => {
    const clock = fixedClock(T0);
    const stores = openSqliteEventStore({ file: ':memory:', clock });
    const repo = repoOn(stores, clock);
    await repo.handle('L', issueCommand('L', floatingCap(3)), meta());
    for (let i = 0; i < 5; i++) await repo.handle('L', checkoutCommand('L', i), meta());
    const events = await history(stores.eventStore);
    expect(events).toHaveLength(6);
    expect((events[0].metadata as { prev: unknown }).prev).toBeNull();
    for (let i = 1; i < events.length; i++) {
      expect((events[i].metadata as { prev: string }).prev).toBe(
        (events[i - 1].metadata as { hash: string }).hash,
      );
    }
    const report = verifyChain(events);
    expect(report.breaks).toEqual([]);
    expect(report.chainedEvents).toBe(6);
    await stores.eventStore.close();
  });

  it('survives conflict retries: two instances racing on one stream leave a chain that verifies', async () => {
    const clock = fixedClock(T0);
    const stores = openSqliteEventStore({ file: ':memory:', clock });
    const a = repoOn(stores, clock);
    const b = repoOn(stores, clock);
    await a.handle('L', issueCommand('L', floatingCap(10)), meta());
    await b.load('L');
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? a : b).handle('L', checkoutCommand('L', i), meta()),
      ),
    );
    expect(results.every((r) => E.isRight(r.outcome))).toBe(true);
    expect(results.some((r) => r.attempts > 1)).toBe(true);
    const report = verifyChain(await history(stores.eventStore));
    expect(report.breaks).toEqual([]);
    expect(report.chainedEvents).toBe(61);
    await stores.eventStore.close();
  });

  it('links to the head after a cold load from a snapshot (the events before it unread)', async () => {
    const clock = fixedClock(T0);
    const stores = openSqliteEventStore({ file: ':memory:', clock });
    const repo = repoOn(stores, clock, 2);
    await repo.handle('L', issueCommand('L', floatingCap(50)), meta());
    for (let i = 0; i < 6; i++) await repo.handle('L', checkoutCommand('L', i), meta());
    await repo.close();
    const cold = repoOn(stores, clock, 2);
    await cold.handle('L', checkoutCommand('L', 'late'), meta());
    const report = verifyChain(await history(stores.eventStore));
    expect(report.breaks).toEqual([]);
    expect(report.chainedEvents).toBe(8);
    await stores.eventStore.close();
  });

  it('continues a stream recorded before the chain existed: an unchained prefix, then links', async () => {
    const clock = fixedClock(T0);
    const stores = openSqliteEventStore({ file: ':memory:', clock });
    const legacy = new AggregateRepository(
      stores.eventStore,
      stores.snapshotStore,
      licenseAggregate,
      clock,
      { chain: false },
    );
    await legacy.handle('L', issueCommand('L', floatingCap(5)), meta());
    await legacy.handle('L', checkoutCommand('L', 1), meta());
    const repo = repoOn(stores, clock);
    await repo.handle('L', checkoutCommand('L', 2), meta());
    const events = await history(stores.eventStore);
    const report = verifyChain(events);
    expect(report.breaks).toEqual([]);
    expect(report.unchainedPrefixEvents).toBe(2);
    expect(report.chainedEvents).toBe(1);
    const altered = events.map((e, i) => (i === 0 ? { ...e, data: { ...e.data, x: 1 } } : e));
    expect(verifyChain(altered).breaks.map((b) => [b.revision, b.kind])).toEqual([
      [2n, 'link-broken'],
    ]);
    await stores.eventStore.close();
  });
});
