import { fixedClock } from '@lic/clock';
import { openSqliteEventStore, type EventStore } from '@lic/event-store';
import { AggregateRepository } from './aggregate-repository';
import { licenseAggregate } from './definitions';
import {
  checkoutCommand,
  floatingCap,
  heartbeatCommand,
  issueCommand,
  meta,
} from './testing/builders';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');

/** A license with one floating seat, taken by lease-holder. */
const fullLicense = async (tallyWithinMs: number) => {
  const clock = fixedClock(T0);
  const { eventStore: store, snapshotStore } = openSqliteEventStore({ file: ':memory:', clock });
  const options = { tallyWithinMs };
  const repo = new AggregateRepository(store, snapshotStore, licenseAggregate, clock, options);
  await repo.handle('L', issueCommand('L', floatingCap(1)), meta());
  await repo.handle('L', checkoutCommand('L', 'holder'), meta());
  /** The same client refused again and again: recorded once, then only tallied (O5). */
  const refuse = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const looper = checkoutCommand('L', i);
      if (looper.type === 'CheckoutLease')
        await repo.handle('L', { ...looper, fingerprint: 'looper' }, meta());
    }
  };
  return { repo, store, refuse };
};

/** Refused checkouts counted from the store: recorded ones plus tallies; and the tally events. */
const counted = async (store: EventStore) => {
  let recorded = 0;
  let tallied = 0;
  const tallies: { revision: bigint; actor: string }[] = [];
  for await (const e of store.readStream('license-L')) {
    if (e.type === 'CheckoutRefused.v1') recorded++;
    if (e.type === 'RefusalsTallied.v1' && e.data.reason === 'SEATS_EXHAUSTED') {
      tallied += e.data.count as number;
      tallies.push({ revision: e.revision, actor: e.metadata.actor });
    }
  }
  return { recorded, tallied, tallies };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('refusal tallies in the pipeline (U2, O5)', () => {
  it('U2: 200 refused checkouts are counted by reason in the store within the bound, by the repository alone', async () => {
    const { repo, store, refuse } = await fullLicense(100);
    await refuse(200);
    expect(repo.pendingTallies()).toHaveLength(1);
    // Until the tally is in the store: it leaves the pending list when its append starts, and
    // a loaded machine can look in between.
    for (let waited = 0; (await counted(store)).tallies.length === 0 && waited < 5000;) {
      await sleep(20);
      waited += 20;
    }
    expect(repo.pendingTallies()).toHaveLength(0);
    const c = await counted(store);
    expect({ recorded: c.recorded, tallied: c.tallied }).toEqual({ recorded: 1, tallied: 199 });
    expect(c.tallies).toHaveLength(1);
    expect(c.tallies[0]?.actor).toBe('system:refusal-tally');
    await repo.close();
    await store.close();
  });

  it("U2: a pending tally is appended with the stream's next append, in the same write", async () => {
    const { repo, store, refuse } = await fullLicense(60_000);
    await refuse(10);
    const beat = await repo.handle('L', heartbeatCommand('L', 'lease-holder'), meta());
    expect(repo.pendingTallies()).toHaveLength(0);
    const c = await counted(store);
    expect({ recorded: c.recorded, tallied: c.tallied }).toEqual({ recorded: 1, tallied: 9 });
    // The heartbeat's own events come first; the tally is the append's last event.
    expect(c.tallies.map((t) => t.revision)).toEqual([beat.revision]);
    await repo.close();
    await store.close();
  });

  it('U2: closing the repository appends what is still counted', async () => {
    const { repo, store, refuse } = await fullLicense(60_000);
    await refuse(50);
    await repo.close();
    const c = await counted(store);
    expect({ recorded: c.recorded, tallied: c.tallied }).toEqual({ recorded: 1, tallied: 49 });
    await store.close();
  });
});
