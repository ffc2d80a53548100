import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { fixedClock } from '@lic/clock';
import { decodeStoredEvent, type LicenseEvent } from '@lic/domain';
import { openSqliteEventStore, type EventStore } from '@lic/event-store';
import { openReadDb, projectFromStore } from '@lic/read-models';
import {
  FIXTURE_DIR,
  STORE_FILE,
  dumpAggregates,
  dumpReadModels,
  type AggregateDump,
  type ReadModelDump,
} from '../fixtures/release-store/fixture';
import { LicenseWorld, admin, type Command } from './support/license-world';
import { describeOnReadDbs, scratchReadDb } from './support/read-dbs';

/** After the fixture's last event: decisions taken on it now. */
const NOW = Date.parse('2026-06-01T09:00:00.000Z');
const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8')) as T;

type Json = Readonly<Record<string, unknown>>;
/** The values of a two-level sharded record (shard -> leaf -> key -> value), by key. */
const unshard = (sharded: unknown): [string, Json][] =>
  Object.values(sharded as Record<string, Record<string, Record<string, Json>>>).flatMap((leaves) =>
    Object.values(leaves).flatMap((leaf) => Object.entries(leaf)),
  );

/**
 * The release's loaded license as license-state.v6 lays it out: the F6 records and the ended
 * holders moved from the state to the memory beside it, keyed as licenseMemos keys them. One
 * recorded difference: a checkin's record now says the lease stopped at the checkin (the release
 * kept the lease's last deadline there; no answer reads it).
 */
const asOfStateV6 = (dump: AggregateDump[string]): AggregateDump[string] => {
  const state = dump.state as Json;
  if (state['kind'] !== 'issued') return dump;
  const { idempotency, endedLeases, endedSessions, ...rest } = state;
  const memory: Record<string, unknown> = {};
  for (const [key, record] of unshard(idempotency)) {
    const stopped = record['operation'] === 'checkin' ? { leaseExpiresAt: record['at'] } : {};
    memory[`key:${key}`] = { kind: 'key', record: { ...record, ...stopped } };
  }
  for (const [id, ended] of unshard(endedLeases)) memory[`lease:${id}`] = { kind: 'ended', ended };
  for (const [id, ended] of unshard(endedSessions))
    memory[`session:${id}`] = { kind: 'ended', ended };
  return { ...dump, state: rest, memory };
};

/**
 * The release's rows as migration 1765200000000 lays them out: each hour's `changes` JSON
 * (`[[offsetMs, delta], ...]`, by offset) as utilization_steps rows, in key order.
 */
const asOfUtilizationSteps = (release: ReadModelDump): ReadModelDump => {
  const buckets = release['utilization_buckets'] ?? [];
  return {
    ...release,
    utilization_buckets: buckets.map(({ changes: _changes, ...row }) => row),
    utilization_steps: buckets.flatMap(({ license_id, holder_kind, bucket_start, changes }) =>
      (JSON.parse(String(changes)) as [number, number][]).map(([offset, delta]) => ({
        license_id,
        holder_kind,
        bucket_start,
        offset_ms: String(offset),
        delta: String(delta),
      })),
    ),
  };
};

/** A copy of the committed store (opening a store may write to it; the fixture never changes). */
const openFixtureStore = (): { eventStore: EventStore; done: () => Promise<void> } => {
  const dir = mkdtempSync(join(tmpdir(), 'release-store-'));
  copyFileSync(join(FIXTURE_DIR, STORE_FILE), join(dir, STORE_FILE));
  const { eventStore } = openSqliteEventStore({
    file: join(dir, STORE_FILE),
    clock: fixedClock(NOW),
  });
  return {
    eventStore,
    done: async () => {
      await eventStore.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/**
 * The rows on the release's columns; a column added since must hold what an upcast event
 * gives it (null: the release recorded nothing there).
 */
const onReleaseColumns = (release: ReadModelDump, now: ReadModelDump) => {
  const added: string[] = [];
  const rows = Object.fromEntries(
    Object.entries(now).map(([table, tableRows]) => {
      const columns = Object.keys(release[table]?.[0] ?? tableRows[0] ?? {});
      const kept = tableRows.map((row) => {
        for (const [column, value] of Object.entries(row)) {
          if (!columns.includes(column) && value !== null)
            added.push(`${table}.${column}=${value}`);
        }
        return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
      });
      return [table, kept];
    }),
  );
  return { rows, added };
};

describeOnReadDbs('a store written by the release before upcasting', (kind) => {
  it('A3: its history projects to the very rows the release projected from it', async () => {
    const store = openFixtureStore();
    const scratch = await scratchReadDb(kind);
    const db = await openReadDb(scratch.url);
    try {
      await projectFromStore(store.eventStore, db, { batchSize: 7, clock: fixedClock(NOW) });
      const release = asOfUtilizationSteps(fixture<ReadModelDump>('read-models.json'));
      const { rows, added } = onReleaseColumns(release, await dumpReadModels(db.manager));
      expect(Object.keys(rows).sort()).toEqual(Object.keys(release).sort());
      for (const table of Object.keys(release))
        expect([table, rows[table]]).toEqual([table, release[table]]);
      expect(added).toEqual([]);
    } finally {
      await db.destroy();
      await scratch.drop();
      await store.done();
    }
  });
});

describe('a store written by the release before upcasting: the command side', () => {
  let store: ReturnType<typeof openFixtureStore>;
  beforeEach(() => {
    store = openFixtureStore();
  });
  afterEach(() => store.done());

  it('A3: every aggregate loads to the state the release loaded, at the same revision (its records of keys and ended holders now in the memory beside the state)', async () => {
    const release = fixture<AggregateDump>('aggregates.json');
    const now = await dumpAggregates(store.eventStore, fixedClock(NOW));
    expect(Object.keys(now)).toEqual(Object.keys(release));
    for (const stream of Object.keys(release)) {
      expect([stream, now[stream]]).toEqual([stream, asOfStateV6(release[stream]!)]);
    }
  });

  it('A3: every stored event reads as the current version of its type (older ones upcast)', async () => {
    const read: string[] = [];
    for await (const e of store.eventStore.readAll()) {
      const stored = decodeStoredEvent(e.streamName, e.type, e.data);
      if (stored.kind !== 'license' && stored.kind !== 'product') continue;
      read.push(stored.event.type);
    }
    expect(read.length).toBeGreaterThan(70);
    expect(read).toContain('MachineActivated.v2');
    expect(read).not.toContain('MachineActivated.v1');
  });

  /** Decides through the command pipeline (the read-side world's), as the command API does. */
  const decide = async (licenseId: string, command: Command) => {
    const world = new LicenseWorld(store.eventStore, fixedClock(NOW));
    const decided = await world.attempt(licenseId, command, admin);
    return E.isRight(decided) ? decided.right.map(summary) : decided.left;
  };
  const summary = (e: LicenseEvent): [string, unknown] => {
    const data: Readonly<Record<string, unknown>> = e.data;
    return [e.type, data['reason'] ?? data['slotTaken'] ?? data['hostname']];
  };

  it('M1: a machine activated by the release keeps its slot; a new one is refused at the cap', async () => {
    const again = await decide('lic-machines', {
      type: 'ActivateMachine',
      fingerprint: 'burst-0',
      activationId: 'act-new',
      tokenId: 'tok-new',
      country: null,
      hostname: 'ws-burst',
    });
    expect(again).toEqual([['MachineActivated.v2', false]]);
    const refused = await decide('lic-machines', {
      type: 'ActivateMachine',
      fingerprint: 'ws-new',
      activationId: 'act-new-2',
      tokenId: 'tok-new-2',
      country: null,
    });
    expect(refused).toEqual([['ActivationRefused.v1', 'SEATS_EXHAUSTED']]);
  });

  it('O4: a license the release revoked refuses a checkout; one it suspended is reinstated', async () => {
    const checkout = await decide('lic-floating', {
      type: 'CheckoutLease',
      leaseId: 'l-new',
      fingerprint: 'node-9',
      idempotencyKey: 'k-new',
      requestHash: 'b'.repeat(64),
    });
    expect(checkout).toEqual([['CheckoutRefused.v1', 'LICENSE_REVOKED']]);
    const reinstated = await decide('lic-sessions', { type: 'ReinstateLicense', reason: 'paid' });
    expect(reinstated).toEqual([['LicenseReinstated.v1', 'paid']]);
    const opened = await decide('lic-sessions', {
      type: 'OpenSession',
      sessionId: 's-new',
      username: 'anna',
      kind: 'interactive',
    });
    expect(opened).toEqual([['SessionOpened.v1', undefined]]);
  });
});
