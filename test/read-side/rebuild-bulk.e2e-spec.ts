import { randomUUID } from 'node:crypto';
import { fixedClock } from '@lic/clock';
import { LicenseEvent } from '@lic/domain';
import { openSqliteEventStore, type EventStore } from '@lic/event-store';
import {
  DEFERRED_INDEX_TABLES,
  LicenseRow,
  SeatOccupancyRow,
  compareReadModels,
  openReadDb,
  projectFromStore,
  rebuildReadModels,
  secondaryIndexes,
} from '@lic/read-models';
import { T0 } from './support/harness';
import { NUL, legacyLicense } from './support/legacy-license';
import { LicenseWorld } from './support/license-world';
import { describeOnReadDbs, scratchReadDb, type ReadDbKind } from './support/read-dbs';
import { Workload, prng } from './support/workload';

const meta = { correlationId: 'c', causationId: null, actor: 'admin:alice' };
/** Every character COPY's text format escapes, and NUL, which PostgreSQL text cannot hold. */
const AWKWARD = `Studio${NUL}Nine\tback\\slash\r\nline`;

/** A license recorded before the bounds (issue 11): awkward text, caps past 2^31 and 2^53. */
const legacyEvents = () =>
  legacyLicense({ licensee: AWKWARD, suspendedFor: `unpaid${NUL}\tinvoice\\`, maxMachines: 1e20 });

/** A mixed workload with the legacy license recorded in the middle of it. */
const history = async (eventStore: EventStore) => {
  const clock = fixedClock(T0);
  const world = new LicenseWorld(eventStore, clock);
  const workload = new Workload(world, prng(1313), 30_000);
  await workload.setUp(8);
  await workload.run(400);
  const legacy = legacyEvents();
  for (const e of legacy) expect(LicenseEvent.is(e)).toBe(true);
  await eventStore.appendToStream(
    'license-lic-legacy',
    legacy.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata: meta })),
    'no_stream',
  );
  await workload.run(300);
  return clock;
};

const withReadDb = async <T>(
  kind: ReadDbKind,
  run: (db: Awaited<ReturnType<typeof openReadDb>>) => Promise<T>,
) => {
  const scratch = await scratchReadDb(kind);
  const db = await openReadDb(scratch.url);
  return {
    result: await run(db),
    db,
    close: async () => {
      await db.destroy();
      await scratch.drop();
    },
  };
};

describeOnReadDbs('rebuild through the bulk path', (kind) => {
  it('A3: a rebuild (COPY on PostgreSQL, indexes built at the end) writes exactly the rows the incremental projector writes for the same history — NUL, tabs, backslashes, line breaks and counts past 2^53 included', async () => {
    const { eventStore } = openSqliteEventStore({ file: ':memory:', clock: fixedClock(T0) });
    const clock = await history(eventStore);
    const opened: { close(): Promise<void> }[] = [];
    try {
      // The live projector's path: small batches, one multi-row statement per table.
      const incremental = await withReadDb(kind, (db) =>
        projectFromStore(eventStore, db, { batchSize: 7, clock }),
      );
      opened.push(incremental);
      // A rebuild: one large transaction, COPY, the audit and refusal indexes built at the end.
      const rebuilt = await withReadDb(kind, async (db) => {
        await projectFromStore(eventStore, db, { batchSize: 50, clock });
        return rebuildReadModels(eventStore, db, { batchSize: 7, clock });
      });
      opened.push(rebuilt);
      // The bulk path over many transactions on one connection (staging tables reused).
      const bulkBatches = await withReadDb(kind, (db) =>
        projectFromStore(eventStore, db, { batchSize: 50, clock, bulk: true }),
      );
      opened.push(bulkBatches);

      expect(rebuilt.result.events).toBe(incremental.result.events);
      expect(incremental.result.events).toBeGreaterThan(500);
      for (const other of [rebuilt, bulkBatches]) {
        const comparison = await compareReadModels(incremental.db.manager, other.db.manager);
        expect(comparison.samples).toEqual([]);
        expect(comparison.identical).toBe(true);
        const audit = comparison.tables.find((t) => t.table === 'audit_log');
        expect(audit?.actualRows).toBe(incremental.result.events);
      }

      const license = await rebuilt.db
        .getRepository(LicenseRow)
        .findOneByOrFail({ licenseId: 'lic-legacy' });
      expect(license.licensee).toBe(AWKWARD.replace(NUL, '\uFFFD'));
      expect(license.statusReason).toBe('unpaid\uFFFD\tinvoice\\');
      expect(license.maxFloating).toBe(3_000_000_000);
      expect(license.maxMachines).toBe(Number.MAX_SAFE_INTEGER);
      const leases = await rebuilt.db
        .getRepository(SeatOccupancyRow)
        .findOneByOrFail({ licenseId: 'lic-legacy', holderKind: 'lease' });
      expect(leases.cap).toBe(3_000_000_000);

      const indexes = await secondaryIndexes(rebuilt.db, DEFERRED_INDEX_TABLES);
      expect(indexes.map((i) => i.name)).toEqual([
        'audit_log_actor',
        'audit_log_license',
        'audit_log_occurred',
        'audit_log_type',
        'refusals_license',
        'refusals_occurred',
      ]);
      expect(indexes).toEqual(await secondaryIndexes(incremental.db, DEFERRED_INDEX_TABLES));
    } finally {
      for (const db of opened) await db.close();
      await eventStore.close();
    }
  });
});
