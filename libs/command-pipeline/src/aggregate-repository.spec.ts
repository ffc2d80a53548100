import * as E from 'fp-ts/Either';
import { TestClock, fixedClock } from '@lic/clock';
import { openSqliteEventStore, type EventStore, type SnapshotStore } from '@lic/event-store';
import { idempotentOutcome } from '@lic/domain';
import { AggregateRepository } from './aggregate-repository';
import { licenseAggregate } from './definitions';
import { UndecodableEventError } from './errors';
import {
  checkoutCommand,
  floatingCap,
  hashOf,
  heartbeatCommand,
  issueCommand,
  meta,
} from './testing/builders';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');

const open = (clock: TestClock) => openSqliteEventStore({ file: ':memory:', clock });
const repoOn = (
  stores: { eventStore: EventStore; snapshotStore: SnapshotStore },
  clock: TestClock,
  snapshotEvery = 500,
) =>
  new AggregateRepository(stores.eventStore, stores.snapshotStore, licenseAggregate, clock, {
    snapshotEvery,
  });

const countTypes = async (store: EventStore, stream: string) => {
  const counts: Record<string, number> = {};
  for await (const e of store.readStream(stream)) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return counts;
};

describe('the command pipeline', () => {
  it('F4: 200 concurrent checkouts for a cap of 10 grant exactly 10 and record 190 refusals', async () => {
    const clock = fixedClock(T0);
    const stores = open(clock);
    const repo = repoOn(stores, clock);
    await repo.handle('L', issueCommand('L', floatingCap(10)), meta());
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => repo.handle('L', checkoutCommand('L', i), meta())),
    );
    expect(results.every((r) => E.isRight(r.outcome))).toBe(true);
    expect(await countTypes(stores.eventStore, 'license-L')).toEqual({
      'LicenseIssued.v1': 1,
      'LeaseCheckedOut.v2': 10,
      'CheckoutRefused.v1': 190,
    });
    await stores.eventStore.close();
  });

  it('F4: two instances with their own caches on one store never exceed the cap', async () => {
    const clock = fixedClock(T0);
    const stores = open(clock);
    const a = repoOn(stores, clock);
    const b = repoOn(stores, clock);
    await a.handle('L', issueCommand('L', floatingCap(10)), meta());
    await b.load('L');
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? a : b).handle('L', checkoutCommand('L', i), meta()),
      ),
    );
    expect(results.filter((r) => r.attempts > 1).length).toBeGreaterThan(0);
    const counts = await countTypes(stores.eventStore, 'license-L');
    expect(counts['LeaseCheckedOut.v2']).toBe(10);
    expect(counts['CheckoutRefused.v1']).toBe(90);
    await stores.eventStore.close();
  });

  it('O4: a decision that appends nothing is still taken on the latest revision', async () => {
    const clock = fixedClock(T0);
    const stores = open(clock);
    const a = repoOn(stores, clock);
    const b = repoOn(stores, clock);
    await a.handle('L', issueCommand('L', floatingCap(2)), meta());
    const out = await a.handle('L', checkoutCommand('L', 1), meta());
    expect(out.position).not.toBeNull();
    // b learns of the lease only through the store: its cache is cold.
    const heartbeat = await b.handle('L', heartbeatCommand('L', 'lease-1'), meta());
    expect(E.isRight(heartbeat.outcome)).toBe(true);
    // a's cache is now one revision behind; a replayed checkout must still see it.
    const replay = await a.handle('L', checkoutCommand('L', 1), meta());
    expect(replay.outcome).toEqual(E.right([]));
    expect(replay.revision).toBe(heartbeat.revision);
    await stores.eventStore.close();
  });

  it('F5: loadAtLeast answers from memory when it holds the revision asked for, and reads the store when another instance wrote past it', async () => {
    const clock = fixedClock(T0);
    const stores = open(clock);
    let reads = 0;
    const store = stores.eventStore;
    const counted = new Proxy(store, {
      get: (target, name) => {
        if (name === 'readStream') reads++;
        const value: unknown = Reflect.get(target, name);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const a = repoOn({ ...stores, eventStore: counted }, clock);
    const b = repoOn(stores, clock);
    await a.handle('L', issueCommand('L', floatingCap(2)), meta());
    const out = await a.handle('L', checkoutCommand('L', 1), meta());
    const before = reads;
    const held = await a.loadAtLeast('L', out.revision ?? -1n);
    expect(reads).toBe(before);
    expect(held.revision).toBe(out.revision);
    const elsewhere = await b.handle('L', heartbeatCommand('L', 'lease-1'), meta());
    const fresh = await a.loadAtLeast('L', elsewhere.revision ?? -1n);
    expect(reads).toBeGreaterThan(before);
    expect(fresh.revision).toBe(elsewhere.revision);
    expect(fresh.state).toEqual(elsewhere.state);
    await stores.eventStore.close();
  });

  it("F5: time is the clock's: a lease checked out now is free one timeout later", async () => {
    const clock = fixedClock(T0);
    const stores = open(clock);
    const repo = repoOn(stores, clock);
    await repo.handle('L', issueCommand('L', floatingCap(1)), meta());
    await repo.handle('L', checkoutCommand('L', 1), meta());
    clock.advance(15 * 60_000);
    const second = await repo.handle('L', checkoutCommand('L', 2), meta());
    expect(E.isRight(second.outcome) && second.outcome.right.map((e) => e.type)).toEqual([
      'LeaseExpired.v1',
      'LeaseCheckedOut.v2',
    ]);
    await stores.eventStore.close();
  });

  it('A3: a cold load reads a snapshot and a bounded tail, however long the stream', async () => {
    const clock = fixedClock(T0);
    const stores = open(clock);
    const repo = repoOn(stores, clock, 100);
    await repo.handle('L', issueCommand('L', floatingCap(5)), meta());
    await repo.handle('L', checkoutCommand('L', 1), meta());
    for (let i = 0; i < 1050; i++) {
      clock.advance(1000);
      await repo.handle('L', heartbeatCommand('L', 'lease-1'), meta());
    }
    await new Promise((r) => setTimeout(r, 20)); // snapshot writes are asynchronous
    const warm = await repo.load('L');
    repo.evict();
    const cold = await repo.load('L');
    expect(cold.revision).toBe(warm.revision);
    expect(cold.eventsRead).toBeLessThanOrEqual(100);
    expect(cold.state).toEqual(warm.state);
    await stores.eventStore.close();
  });

  /** A license L issued through the repository, then one raw event appended after it. */
  const withRawEvent = async (type: string, data: Record<string, unknown>) => {
    const clock = fixedClock(T0);
    const stores = open(clock);
    const repo = repoOn(stores, clock);
    await repo.handle('L', issueCommand('L', floatingCap(5)), meta());
    const raw = { id: '00000000-0000-4000-8000-000000000001', type, data, metadata: meta() };
    await stores.eventStore.appendToStream('license-L', [raw], 0n);
    repo.evict();
    return { stores, repo };
  };

  it('A1: a stored event that does not decode is an error naming its stream and revision', async () => {
    const { stores, repo } = await withRawEvent('LeaseCheckedOut.v2', { leaseId: 7 });
    await expect(repo.handle('L', checkoutCommand('L', 1), meta())).rejects.toThrow(
      UndecodableEventError,
    );
    await expect(repo.load('L')).rejects.toThrow(/license-L@1 \(LeaseCheckedOut\.v2\)/);
    await stores.eventStore.close();
  });

  it('A1: a stored event of a type this code does not know is skipped by the fold', async () => {
    const { stores, repo } = await withRawEvent('Billing.v1', { amount: 12 });
    const decided = await repo.handle('L', checkoutCommand('L', 1), meta());
    expect(decided.outcome._tag).toBe('Right');
    await stores.eventStore.close();
  });

  it('A1: every appended event carries the request metadata', async () => {
    const clock = fixedClock(T0);
    const stores = open(clock);
    const repo = repoOn(stores, clock);
    await repo.handle('L', issueCommand('L', floatingCap(5)), {
      correlationId: 'req-42',
      causationId: 'req-42',
      actor: 'admin:alice',
    });
    for await (const e of stores.eventStore.readStream('license-L')) {
      expect(e.metadata).toMatchObject({
        correlationId: 'req-42',
        causationId: 'req-42',
        actor: 'admin:alice',
      });
    }
    await stores.eventStore.close();
  });

  it('A3: a license that keeps many idempotency keys is snapshotted as often as any (the keys are in its memory, not its state), and a cold load still finds the same state and outcomes', async () => {
    const clock = fixedClock(T0);
    const stores = open(clock);
    const saved: bigint[] = [];
    const recording: SnapshotStore = {
      load: (stream) => stores.snapshotStore.load(stream),
      save: async (stream, snapshot) => {
        saved.push(snapshot.revision);
        await stores.snapshotStore.save(stream, snapshot);
      },
    };
    const repo = new AggregateRepository(stores.eventStore, recording, licenseAggregate, clock, {
      snapshotEvery: 10,
    });
    await repo.handle('L', issueCommand('L', floatingCap(5)), meta());
    for (let i = 0; i < 300; i++) {
      clock.advance(1000);
      await repo.handle('L', checkoutCommand('L', i), meta());
      await repo.handle(
        'L',
        {
          type: 'CheckinLease',
          licenseId: 'L',
          actor: { kind: 'license', id: 'L' },
          leaseId: `lease-${i}`,
          idempotencyKey: `in-${i}`,
          requestHash: hashOf(`in-${i}`),
        },
        meta(),
      );
    }
    await new Promise((r) => setTimeout(r, 20)); // snapshot writes are asynchronous
    // 600 events, every 10 a snapshot: the 600 keys held do not space them out.
    expect(saved.length).toBeGreaterThanOrEqual(55);
    const gaps = saved.slice(1).map((r, i) => Number(r - (saved[i] as bigint)));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(11);
    const warm = await repo.load('L');
    repo.evict();
    const cold = await repo.load('L');
    expect(cold.revision).toBe(warm.revision);
    expect(cold.state).toEqual(warm.state);
    const replay = await repo.handle('L', checkoutCommand('L', 3), meta());
    expect(replay.position).toBeNull();
    expect(idempotentOutcome(replay.recall, 'key-3')?.leaseId).toBe('lease-3');
    await stores.eventStore.close();
  });

  it('close() waits for a snapshot save still in flight, so the store can be closed after it', async () => {
    const clock = fixedClock(T0);
    const stores = open(clock);
    let release: () => void = () => {};
    const saved: bigint[] = [];
    const slowSnapshots: SnapshotStore = {
      load: (stream) => stores.snapshotStore.load(stream),
      save: async (stream, snapshot) => {
        await new Promise<void>((resolve) => (release = resolve));
        await stores.snapshotStore.save(stream, snapshot);
        saved.push(snapshot.revision);
      },
    };
    const repo = new AggregateRepository(
      stores.eventStore,
      slowSnapshots,
      licenseAggregate,
      clock,
      {
        snapshotEvery: 2,
      },
    );
    await repo.handle('L', issueCommand('L', floatingCap(10)), meta());
    await repo.handle('L', checkoutCommand('L', 1), meta());
    await repo.handle('L', checkoutCommand('L', 2), meta());
    let closed = false;
    const closing = repo.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);
    release();
    await closing;
    expect(saved).toEqual([1n]); // the save started at revision 1, two events in
    await stores.eventStore.close();
    expect(await stores.snapshotStore.load('license-L').catch((e: Error) => e.name)).toBe(
      'EventStoreClosedError',
    );
  });
});
