import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SystemClock } from '@lic/clock';
import { AggregateRepository, licenseAggregate } from '@lic/command-pipeline';
import {
  openEsdbEventStore,
  openSqliteEventStore,
  type EventStore,
  type SnapshotStore,
} from '@lic/event-store';
import { startEsdbTestServer, type EsdbTestServer } from '../../libs/event-store/src/testing';
import { floatingCap, issueCommand, meta } from '../../libs/command-pipeline/src/testing/builders';

const hook = resolve(__dirname, '../event-store/register-swc.js');
const child = resolve(__dirname, 'checkout-child.ts');

interface ChildReport {
  granted: number;
  errors: string[];
  retried: number;
}

/** Two OS processes, 100 concurrent checkouts each, one license with a cap of 10. */
const contend = async (
  store: string,
  stores: { eventStore: EventStore; snapshotStore: SnapshotStore },
  licenseId: string,
) => {
  const clock = new SystemClock();
  const repo = new AggregateRepository(
    stores.eventStore,
    stores.snapshotStore,
    licenseAggregate,
    clock,
  );
  await repo.handle(licenseId, issueCommand(licenseId, floatingCap(10)), meta());
  const children = [0, 100].map((from) =>
    fork(child, [store, licenseId, String(from), String(from + 100)], {
      execArgv: ['-r', hook],
      stdio: 'inherit',
    }),
  );
  const ready = children.map((c) => new Promise<void>((r) => c.once('spawn', () => r())));
  await Promise.all(ready);
  await new Promise((r) => setTimeout(r, 1500)); // let both load the license
  const reports = children.map(
    (c) => new Promise<ChildReport>((r) => c.once('message', (m) => r(m as ChildReport))),
  );
  children.forEach((c) => c.send('go'));
  const done = await Promise.all(reports);
  await Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
  );
  const counts: Record<string, number> = {};
  for await (const e of stores.eventStore.readStream(`license-${licenseId}`))
    counts[e.type] = (counts[e.type] ?? 0) + 1;
  return { done, counts };
};

describe('correct under contention across processes (F4)', () => {
  jest.setTimeout(120_000);

  it('F4: two processes sharing one SQLite file, 200 concurrent checkouts for a cap of 10: exactly 10 leases and 190 recorded refusals', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contention-'));
    const file = join(dir, 'events.db');
    const stores = openSqliteEventStore({ file, clock: new SystemClock() });
    try {
      const { done, counts } = await contend(file, stores, 'contended');
      expect(done.flatMap((d) => d.errors)).toEqual([]);
      expect(done.reduce((n, d) => n + d.granted, 0)).toBe(10);
      expect(counts).toEqual({
        'LicenseIssued.v1': 1,
        'LeaseCheckedOut.v1': 10,
        'CheckoutRefused.v1': 190,
      });
      // Both processes really did contend: some decisions were retried after a conflict.
      expect(done.reduce((n, d) => n + d.retried, 0)).toBeGreaterThan(0);
    } finally {
      await stores.eventStore.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('F4: the same two processes against the EventStoreDB gRPC test server', async () => {
    let server: EsdbTestServer | null = null;
    const url =
      process.env.EVENTSTORE_URL ?? (server = await startEsdbTestServer()).connectionString;
    console.info(
      `F4 contention on ${server ? 'the in-process EventStoreDB gRPC test server' : `a real EventStoreDB at ${url}`}`,
    );
    const stores = openEsdbEventStore({ connectionString: url });
    try {
      const { done, counts } = await contend(url, stores, `contended-${Date.now()}`);
      expect(done.flatMap((d) => d.errors)).toEqual([]);
      expect(done.reduce((n, d) => n + d.granted, 0)).toBe(10);
      expect(counts).toEqual({
        'LicenseIssued.v1': 1,
        'LeaseCheckedOut.v1': 10,
        'CheckoutRefused.v1': 190,
      });
    } finally {
      await stores.eventStore.close();
      await server?.stop();
    }
  });
});
