import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { fixedClock } from '@lic/clock';
import { LicenseEvent } from '@lic/domain';
import { openSqliteEventStore } from '@lic/event-store';
import {
  AuditEntryRow,
  LicenseRow,
  SeatOccupancyRow,
  openReadDb,
  projectFromStore,
  readDataSourceOptions,
} from '@lic/read-models';
import { T0 } from './support/harness';
import { NUL, legacyLicense } from './support/legacy-license';
import { describeOnReadDbs, scratchReadDb } from './support/read-dbs';
import { WidenCounts1765000000000 } from '../../libs/read-models/src/schema/migrations/1765000000000-widen-counts';

const meta = { correlationId: 'c', causationId: null, actor: 'admin:alice' };
/**
 * Events as a version without bounds could record them (issue 11): a floating cap of 3e9,
 * a licensee and a suspension reason with NUL characters. They still decode (an event log is
 * forever); the read side must take them on both databases.
 */
const legacyHistory = () =>
  legacyLicense({ licensee: `Studio${NUL}Nine`, suspendedFor: `unpaid${NUL}\ninvoice` });

describeOnReadDbs('values recorded before the bounds', (kind) => {
  it('A2: a 3e9 seat cap and NUL characters decode and project without error', async () => {
    const history = legacyHistory();
    for (const e of history) expect(LicenseEvent.is(e)).toBe(true);
    const clock = fixedClock(T0);
    const { eventStore } = openSqliteEventStore({ file: ':memory:', clock });
    const scratch = await scratchReadDb(kind);
    const db = await openReadDb(scratch.url);
    try {
      await eventStore.appendToStream(
        'license-lic-legacy',
        history.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata: meta })),
        'no_stream',
      );
      await projectFromStore(eventStore, db, { batchSize: 10, clock });
      const row = await db.getRepository(LicenseRow).findOneByOrFail({ licenseId: 'lic-legacy' });
      expect(row.maxFloating).toBe(3_000_000_000);
      // NUL cannot be stored in PostgreSQL text: U+FFFD on both databases, alike.
      expect(row.licensee).toBe('Studio\uFFFDNine');
      expect(row.statusReason).toBe('unpaid\uFFFD\ninvoice');
      const seats = await db.getRepository(SeatOccupancyRow).findOneByOrFail({
        licenseId: 'lic-legacy',
        holderKind: 'lease',
      });
      expect(seats.cap).toBe(3_000_000_000);
      // The audit log keeps the event exactly (JSON escapes NUL).
      const audit = await db.getRepository(AuditEntryRow).find({ order: { position: 'ASC' } });
      expect(JSON.parse(audit[0]?.payload ?? '{}')).toMatchObject({ licensee: `Studio${NUL}Nine` });
      // A SQLite store hands the audit log the data as it keeps it (no second JSON.stringify):
      // for every event appended, the very text JSON.stringify gives, NUL escaped.
      const read = [];
      for await (const e of eventStore.readStream('license-lic-legacy')) read.push(e);
      const first = read[0];
      expect(first?.dataJson).toBe(JSON.stringify(history[0]?.data));
      expect(audit[0]?.payload).toBe(first?.dataJson);
    } finally {
      await db.destroy();
      await eventStore.close();
      await scratch.drop();
    }
  });

  it('A2: the migration widening counts keeps the rows of a database created before it', async () => {
    const scratch = await scratchReadDb(kind);
    const options = readDataSourceOptions(scratch.url);
    // The database as it stood before the widening migration: every earlier migration run.
    const all = options.migrations as { name?: string }[];
    const widening = all.findIndex((m) => m.name === WidenCounts1765000000000.name);
    expect(widening).toBeGreaterThan(0);
    const old = await new DataSource({
      ...options,
      migrations: all.slice(0, widening),
    } as typeof options).initialize();
    try {
      await old.runMigrations({ transaction: 'all' });
      await old.query(
        `INSERT INTO seat_occupancy (license_id, holder_kind, cap, reserved, in_use, available)
         VALUES ('lic-1', 'lease', 10, 0, 3, 7)`,
      );
    } finally {
      await old.destroy();
    }
    const db = await openReadDb(scratch.url);
    try {
      await db.query(
        `INSERT INTO seat_occupancy (license_id, holder_kind, cap, reserved, in_use, available)
         VALUES ('lic-2', 'lease', 3000000000, 0, 0, 3000000000)`,
      );
      const rows = await db.getRepository(SeatOccupancyRow).find({ order: { licenseId: 'ASC' } });
      expect(rows.map((r) => [r.licenseId, r.cap, r.inUse, r.available])).toEqual([
        ['lic-1', 10, 3, 7],
        ['lic-2', 3_000_000_000, 0, 3_000_000_000],
      ]);
    } finally {
      await db.destroy();
      await scratch.drop();
    }
  });
});
