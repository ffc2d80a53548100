import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  AuditEntryRow,
  READ_MODELS_CHECKPOINT,
  RefusalRow,
  UtilizationBucketRow,
  UtilizationStepRow,
  projectFromStore,
  readCheckpoint,
  readDataSourceOptions,
} from '@lic/read-models';
import { CreateReadModels1763880000000 } from '../../libs/read-models/src/schema/migrations/1763880000000-create-read-models';
import { UtilizationSteps1765200000000 } from '../../libs/read-models/src/schema/migrations/1765200000000-utilization-steps';
import { FIXTURE_DIR, type ReadModelDump } from '../fixtures/release-store/fixture';
import { commands, policies } from './support/license-world';
import { openReadSide, type ReadSide } from './support/harness';
import { describeOnReadDbs, scratchReadDb, type ScratchDb } from './support/read-dbs';

describeOnReadDbs('read-model migrations', (kind) => {
  let rs: ReadSide;
  let scratch: ScratchDb;
  beforeAll(async () => {
    rs = await openReadSide(kind);
    scratch = await scratchReadDb(kind);
  });
  afterAll(async () => {
    await rs.close();
    await scratch.drop();
  });

  it('A3: a migration that adds what only history can fill empties the read models; the projector replays and fills it', async () => {
    // An installation built before the refusals read model: the first migration only, and a
    // checkpoint that says it has projected history.
    const options = readDataSourceOptions(scratch.url);
    const old = await new DataSource({
      ...options,
      migrations: [CreateReadModels1763880000000],
    }).initialize();
    await old.runMigrations();
    await old.query(
      `UPDATE projector_checkpoint SET position = 99, events_projected = 99 WHERE name = '${READ_MODELS_CHECKPOINT}'`,
    );
    await old.destroy();

    const db = await new DataSource(options).initialize();
    try {
      await db.runMigrations();
      expect(await readCheckpoint(db)).toMatchObject({ position: null, eventsProjected: 0n });
      await rs.world.product('prod-1');
      await rs.world.issue('lic-f', policies.floating(1, 15));
      await rs.world.run('lic-f', commands.checkout('L1', 'node-1'));
      await rs.world.run('lic-f', commands.checkout('L2', 'node-2')); // refused
      await projectFromStore(rs.eventStore, db, { batchSize: 2, clock: rs.clock });
      const audit = await db.getRepository(AuditEntryRow).find();
      expect(
        audit.filter((a) => a.licenseId === 'lic-f').every((a) => a.productId === 'prod-1'),
      ).toBe(true);
      expect(await db.getRepository(RefusalRow).find()).toMatchObject([
        {
          licenseId: 'lic-f',
          productId: 'prod-1',
          kind: 'checkout',
          fingerprint: 'node-2',
          count: 1,
        },
      ]);
    } finally {
      await db.destroy();
    }
  });
});

type Bucket = Readonly<
  Record<
    | 'license_id'
    | 'holder_kind'
    | 'bucket_start'
    | 'level_at_start'
    | 'level_at_end'
    | 'peak'
    | 'seat_ms'
    | 'changes',
    string
  >
>;
const bucket = (licenseId: string, kind: string, changes: [number, number][]): Bucket => ({
  license_id: licenseId,
  holder_kind: kind,
  bucket_start: '2026-03-02T10:00:00.000Z',
  level_at_start: '0',
  level_at_end: String(changes.reduce((level, [, delta]) => level + delta, 0)),
  peak: '0',
  seat_ms: '0',
  changes: JSON.stringify(changes),
});

/**
 * Hours as a projector before 1765200000000 wrote them: the release fixture's rows, a busy hour
 * (1,000 steps), deltas past 2^31, an hour of two kinds of one license, a zero delta (no step)
 * and an hour without steps.
 */
const legacyBuckets = (): Bucket[] => {
  const release = JSON.parse(
    readFileSync(join(FIXTURE_DIR, 'read-models.json'), 'utf8'),
  ) as ReadModelDump;
  const busy = Array.from({ length: 1000 }, (_, i): [number, number] => [
    i * 3600,
    i % 2 === 0 ? 1 : -1,
  ]);
  return [
    ...(release['utilization_buckets'] as unknown as Bucket[]),
    bucket('lic-busy', 'lease', busy),
    bucket('lic-busy', 'machine', [
      [0, 3_000_000_000],
      [3_599_999, -3_000_000_000],
    ]),
    bucket('lic-zero', 'session', [
      [0, 1],
      [1000, 0],
      [2000, -1],
    ]),
    bucket('lic-empty', 'lease', []),
  ];
};

/** Rows in the order of a text key (the databases would order them by their collations). */
const sorted = <T>(rows: T[], key: (row: T) => string): T[] =>
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
interface Hour {
  readonly licenseId: string;
  readonly holderKind: string;
  readonly bucketStart: string;
}
const hourKey = (r: Hour) => `${r.licenseId} ${r.holderKind} ${r.bucketStart}`;
const stepKey = (s: Hour & { offsetMs: number }) =>
  `${hourKey(s)} ${String(s.offsetMs).padStart(7, '0')}`;
const hourOf = (b: Bucket): Hour => ({
  licenseId: b.license_id,
  holderKind: b.holder_kind,
  bucketStart: b.bucket_start,
});

describeOnReadDbs('read-model migration to utilization_steps', (kind) => {
  it("U1: each hour's JSON steps become utilization_steps rows and the column goes; down writes the same JSON back", async () => {
    const scratch = await scratchReadDb(kind);
    const options = readDataSourceOptions(scratch.url);
    const all = options.migrations as { name?: string }[];
    const at = all.findIndex((m) => m.name === UtilizationSteps1765200000000.name);
    expect(at).toBeGreaterThan(0);
    const upTo = (n: number) =>
      new DataSource({ ...options, migrations: all.slice(0, n) } as typeof options).initialize();
    const buckets = legacyBuckets();
    const old = await upTo(at);
    try {
      await old.runMigrations({ transaction: 'all' });
      for (const b of buckets) {
        const columns = Object.keys(b);
        const marks = columns.map((_, i) => (kind === 'postgres' ? `$${i + 1}` : '?'));
        await old.query(
          `INSERT INTO utilization_buckets (${columns.join(', ')}) VALUES (${marks.join(', ')})`,
          Object.values(b),
        );
      }
    } finally {
      await old.destroy();
    }

    const db = await upTo(at + 1);
    const runner = db.createQueryRunner();
    try {
      const ran = await db.runMigrations({ transaction: 'all' });
      expect(ran.map((m) => m.name)).toEqual([UtilizationSteps1765200000000.name]);
      // Every step of every hour, none of value 0; every hour's row kept, less its JSON.
      const expected = buckets.flatMap((b) =>
        (JSON.parse(b.changes) as [number, number][])
          .filter(([, delta]) => delta !== 0)
          .map(([offsetMs, delta]) => ({ ...hourOf(b), offsetMs, delta })),
      );
      expect(expected.length).toBe(9 + 1000 + 2 + 2);
      const steps = await db.getRepository(UtilizationStepRow).find();
      expect(sorted(steps, stepKey)).toEqual(sorted(expected, stepKey));
      expect(await runner.hasColumn('utilization_buckets', 'changes')).toBe(false);
      const rows = await db.getRepository(UtilizationBucketRow).find();
      expect(sorted(rows, hourKey)).toEqual(
        sorted(
          buckets.map((b) => ({
            ...hourOf(b),
            levelAtStart: Number(b.level_at_start),
            levelAtEnd: Number(b.level_at_end),
            peak: Number(b.peak),
            seatMs: Number(b.seat_ms),
          })),
          hourKey,
        ),
      );

      // Down: the JSON as it was spelled (less the zero), NOT NULL again; no steps table.
      await db.undoLastMigration({ transaction: 'all' });
      const restored: (Hour & { changes: string })[] = await db.query(
        `SELECT license_id AS "licenseId", holder_kind AS "holderKind",
                  bucket_start AS "bucketStart", changes FROM utilization_buckets`,
      );
      expect(sorted(restored, hourKey)).toEqual(
        sorted(
          buckets.map((b) => ({
            ...hourOf(b),
            changes: b.license_id === 'lic-zero' ? '[[0,1],[2000,-1]]' : b.changes,
          })),
          hourKey,
        ),
      );
      const table = await runner.getTable('utilization_buckets');
      expect(table?.findColumnByName('changes')).toMatchObject({ type: 'text', isNullable: false });
      expect(await runner.hasTable('utilization_steps')).toBe(false);
    } finally {
      await runner.release();
      await db.destroy();
      await scratch.drop();
    }
  });
});
