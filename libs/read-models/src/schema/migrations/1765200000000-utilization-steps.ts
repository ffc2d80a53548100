import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { ID_LENGTH, INSTANT_LENGTH } from '../columns';

const varchar = (name: string, length: number) => ({
  name,
  type: 'varchar',
  length: String(length),
  isPrimary: true,
});

/** As UtilizationStepRow declares it, so the schema diff stays empty. */
const steps = () =>
  new Table({
    name: 'utilization_steps',
    columns: [
      varchar('license_id', ID_LENGTH),
      varchar('holder_kind', 16),
      varchar('bucket_start', INSTANT_LENGTH),
      { name: 'offset_ms', type: 'integer', isPrimary: true },
      { name: 'delta', type: 'bigint' },
    ],
  });

/** The column as 1763880000000 created it (`nullable` only while down fills it). */
const changes = (isNullable: boolean) =>
  new TableColumn({ name: 'changes', type: 'text', isNullable });

/** Each hour's `[[offsetMs, delta], ...]` as one row per step (a zero delta is no step). */
const COPY_STEPS = {
  sqlite: `INSERT INTO utilization_steps (license_id, holder_kind, bucket_start, offset_ms, delta)
    SELECT u.license_id, u.holder_kind, u.bucket_start,
           json_extract(s.value, '$[0]'), json_extract(s.value, '$[1]')
    FROM utilization_buckets u, json_each(u.changes) s
    WHERE json_extract(s.value, '$[1]') <> 0`,
  postgres: `INSERT INTO utilization_steps (license_id, holder_kind, bucket_start, offset_ms, delta)
    SELECT u.license_id, u.holder_kind, u.bucket_start,
           (s.step ->> 0)::integer, (s.step ->> 1)::bigint
    FROM utilization_buckets u, jsonb_array_elements(u.changes::jsonb) AS s(step)
    WHERE (s.step ->> 1)::bigint <> 0`,
};

/**
 * Each hour's steps again as the JSON the projector wrote before (JSON.stringify's spelling, by
 * offset; `[]` for none). The same statement on both databases (SQLite ≥ 3.44 orders an
 * aggregate's input; better-sqlite3 bundles a later one).
 */
const COPY_CHANGES = `UPDATE utilization_buckets SET changes = COALESCE(
    (SELECT '[' || string_agg('[' || s.offset_ms || ',' || s.delta || ']', ','
                              ORDER BY s.offset_ms) || ']'
     FROM utilization_steps s
     WHERE s.license_id = utilization_buckets.license_id
       AND s.holder_kind = utilization_buckets.holder_kind
       AND s.bucket_start = utilization_buckets.bucket_start),
    '[]')`;

/**
 * U1: the steps of the seat step function move from each hour's `utilization_buckets.changes`
 * (a JSON array of every step in the hour) to `utilization_steps`, one row per instant. The
 * projector re-parsed, re-sorted, re-stringified and rewrote that whole row on every batch, so
 * its cost grew through each hour (64 ms per batch per busy license at 45,000 steps an hour,
 * and 550 KB rewritten); now a batch writes the steps it changes. The steps are copied, not
 * replayed: every bucket row stays as it is, less its JSON. The column is dropped through the
 * query runner (PostgreSQL drops it in place; SQLite copies the table with its key, and the
 * runner's cached table stays true for a later migration of the same run).
 */
export class UtilizationSteps1765200000000 implements MigrationInterface {
  readonly name = 'UtilizationSteps1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(steps(), false, false, true);
    const dialect = queryRunner.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
    await queryRunner.query(COPY_STEPS[dialect]);
    await queryRunner.dropColumn('utilization_buckets', 'changes');
  }

  /** The column back NOT NULL: added nullable, filled, then narrowed (SQLite cannot add it so). */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('utilization_buckets', changes(true));
    await queryRunner.query(COPY_CHANGES);
    await queryRunner.changeColumn('utilization_buckets', 'changes', changes(false));
    await queryRunner.dropTable('utilization_steps', true);
  }
}
