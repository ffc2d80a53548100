import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { fixedClock, type TestClock } from '@lic/clock';
import { idempotentOutcome, type LicenseCommand } from '@lic/domain';
import {
  openEsdbEventStore,
  openSqliteEventStore,
  type EventStore,
  type SnapshotStore,
} from '@lic/event-store';
import { startEsdbTestServer, type EsdbTestServer } from '../../event-store/src/testing';
import { AggregateRepository } from './aggregate-repository';
import { licenseAggregate } from './definitions';
import { checkoutCommand, hashOf, heartbeatCommand, meta } from './testing/builders';
import { checkinCommand, fillWithKeys } from './testing/busy-history';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

interface Stores {
  readonly eventStore: EventStore;
  readonly snapshotStore: SnapshotStore;
}

/** An adapter that can be opened again on the same data: a restart of the process. */
interface Adapter {
  readonly name: string;
  /** Live keys the license holds: the in-process ESDB test server reads ~3,000 events/s. */
  readonly keys: number;
  setUp(): Promise<void>;
  open(clock: TestClock): Stores;
  tearDown(): Promise<void>;
}

const sqlite = (): Adapter => {
  let dir = '';
  return {
    name: 'SQLite (a file, reopened)',
    keys: 20_000,
    setUp: async () => {
      dir = mkdtempSync(join(tmpdir(), 'license-memory-'));
    },
    open: (clock) => openSqliteEventStore({ file: join(dir, 'events.db'), clock }),
    tearDown: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

const esdb = (): Adapter => {
  let server: EsdbTestServer | undefined;
  return {
    name: 'ESDB adapter (in-process test server, a new connection)',
    keys: 2_000,
    setUp: async () => {
      server = await startEsdbTestServer();
    },
    open: () => {
      if (!server) throw new Error('the test server is not started');
      return openEsdbEventStore({ connectionString: server.connectionString });
    },
    tearDown: async () => server?.stop(),
  };
};

/** Checkout n retried (a new lease id, as the API draws one per request), or another request. */
const checkoutAgain = (n: number, request = `checkout-${n}`): LicenseCommand => ({
  type: 'CheckoutLease',
  licenseId: 'busy',
  actor: { kind: 'license', id: 'busy' },
  leaseId: `lease-again-${n}`,
  fingerprint: `node-${n}`,
  idempotencyKey: `key-${n}`,
  requestHash: hashOf(request),
});

describe.each([sqlite(), esdb()])('a license memory on $name', (adapter) => {
  beforeAll(() => adapter.setUp());
  afterAll(() => adapter.tearDown());

  it(`F6: after a restart, a license holding ${adapter.keys.toLocaleString('en-US')} live keys replays every key's outcome, and its snapshot holds none of them`, async () => {
    const KEYS = adapter.keys;
    const clock = fixedClock(T0);
    const before = adapter.open(clock);
    await fillWithKeys(before.eventStore, 'busy', KEYS, T0 - 1000);
    const first = new AggregateRepository(
      before.eventStore,
      before.snapshotStore,
      licenseAggregate,
      clock,
    );
    await first.load('busy'); // reads the whole stream once and snapshots it
    const late = await first.handle('busy', checkoutCommand('busy', 'late'), meta());
    expect(late.position).not.toBeNull();
    await first.close();
    const snapshot = await before.snapshotStore.load('license-busy');
    const bytes = JSON.stringify(snapshot?.state ?? null);
    expect(snapshot?.revision).toBeGreaterThanOrEqual(BigInt(KEYS));
    expect(bytes.length).toBeLessThan(10_000);
    expect(bytes).not.toContain('key-');
    await before.eventStore.close();

    clock.advance(60_000);
    const after = adapter.open(clock);
    const restarted = new AggregateRepository(
      after.eventStore,
      after.snapshotStore,
      licenseAggregate,
      clock,
    );
    // A key bound before the snapshot: its outcome is read back from the stream.
    const replay = await restarted.handle('busy', checkoutAgain(5), meta());
    expect(replay.outcome).toEqual(E.right([]));
    expect(replay.position).toBeNull();
    expect(idempotentOutcome(replay.recall, 'key-5')).toMatchObject({
      operation: 'checkout',
      leaseId: 'lease-5',
    });
    // The newest key and a checkin's key replay too; another request under a bound key does not.
    const lateAgain = await restarted.handle('busy', checkoutCommand('busy', 'late'), meta());
    expect(lateAgain.position).toBeNull();
    expect(idempotentOutcome(lateAgain.recall, 'key-late')?.leaseId).toBe('lease-late');
    const checkin = await restarted.handle('busy', checkinCommand('busy', KEYS / 2 - 1), meta());
    expect(checkin.position).toBeNull();
    expect(idempotentOutcome(checkin.recall, `in-${KEYS / 2 - 1}`)?.operation).toBe('checkin');
    const reused = await restarted.handle('busy', checkoutAgain(7, 'another request'), meta());
    expect(E.isLeft(reused.outcome) && reused.outcome.left.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // A holder that ended before the restart is still known to have ended.
    const late3 = await restarted.handle('busy', heartbeatCommand('busy', 'lease-3'), meta());
    expect(E.isLeft(late3.outcome) && late3.outcome.left.code).toBe('LEASE_NOT_ACTIVE');
    await restarted.close();
    await after.eventStore.close();
  }, 240_000);
});
