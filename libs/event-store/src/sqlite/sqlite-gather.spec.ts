import { SystemClock } from '@lic/clock';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventPlace } from '../event-store.port';
import { SubscriptionProbe, collect, newEvents } from '../testing/contract-fixtures';
import { ChangeNotifier } from './change-notifier';
import { openSqliteEventStore } from './open-sqlite-event-store';
import { MAX_GATHER_MS, SqliteSubscription } from './sqlite-subscription';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A table of places in memory, counting its reads; notify() is a commit through this store. */
const fakeTable = () => {
  const rows: EventPlace[] = [];
  const notifier = new ChangeNotifier(() => 0n);
  let reads = 0;
  return {
    notifier,
    reads: () => reads,
    readPage: (after: bigint, limit: number) => {
      reads++;
      return rows.filter((r) => r.position > after).slice(0, limit);
    },
    commit: () => {
      rows.push({
        streamName: 's',
        revision: BigInt(rows.length),
        position: BigInt(rows.length + 1),
      });
      notifier.notify();
    },
  };
};

const subscribe = (table: ReturnType<typeof fakeTable>, gatherMs: number) =>
  new SubscriptionProbe(
    new SqliteSubscription(table.readPage, table.notifier, 0n, () => undefined, gatherMs),
  );

describe('a SQLite subscription that lets commits gather (gatherMs)', () => {
  it('F5: one read takes what several commits wrote while it waited; without it, a read per commit', async () => {
    const readsFor = async (gatherMs: number) => {
      const table = fakeTable();
      const probe = subscribe(table, gatherMs);
      try {
        table.commit();
        await probe.take(1);
        const before = table.reads();
        const receiving = probe.take(5); // pulling all along, as a subscriber does
        for (let i = 0; i < 5; i++) {
          table.commit();
          await pause(15);
        }
        const received = await receiving;
        expect(received.map((p) => p.position)).toEqual([2n, 3n, 4n, 5n, 6n]);
        await probe.expectQuiet(gatherMs + 50);
        return table.reads() - before;
      } finally {
        await probe.close();
      }
    };
    expect(await readsFor(1_000)).toBe(1); // five commits 15 ms apart, well inside the window
    expect(await readsFor(0)).toBeGreaterThanOrEqual(5);
  });

  it('F5: close() ends a subscription that is gathering at once', async () => {
    const table = fakeTable();
    const probe = subscribe(table, MAX_GATHER_MS);
    table.commit();
    await probe.take(1);
    table.commit();
    const pulling = probe.next(); // the subscription sees the commit and gathers for a minute
    await pause(20);
    const started = process.hrtime.bigint();
    await probe.close();
    expect(await pulling).toEqual({ done: true, value: undefined });
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1_000);
  });

  it.each([-1, 1.5, MAX_GATHER_MS + 1, Number.NaN])('F5: refuses gatherMs %p', (gatherMs) => {
    const table = fakeTable();
    expect(
      () => new SqliteSubscription(table.readPage, table.notifier, 0n, () => undefined, gatherMs),
    ).toThrow(RangeError);
  });

  it('F5: through the store, with another connection writing too: every place once, in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gather-'));
    const file = join(dir, 'events.db');
    const clock = new SystemClock();
    const here = openSqliteEventStore({ file, clock }).eventStore;
    const elsewhere = openSqliteEventStore({ file, clock, writer: 'inline' }).eventStore;
    const probe = new SubscriptionProbe(
      here.subscribeToPlaces({ streamPrefixes: ['in-'], gatherMs: 30 }),
    );
    try {
      for (let i = 0; i < 40; i++) {
        const store = i % 3 === 0 ? elsewhere : here;
        await store.appendToStream(
          `${i % 2 === 0 ? 'in' : 'out'}-${i % 5}`,
          newEvents(1 + (i % 3)),
          'any',
        );
        if (i % 7 === 0) await pause(10);
      }
      const truth = (await collect(here.readAll()))
        .filter((e) => e.streamName.startsWith('in-'))
        .map(({ streamName, revision, position }) => ({ streamName, revision, position }));
      await probe.take(truth.length);
      await probe.expectQuiet(100);
      expect(probe.received).toEqual(truth);
    } finally {
      await probe.close();
      await here.close();
      await elsewhere.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
