import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { ID_LENGTH, INSTANT_LENGTH } from '../columns';
import { READ_MODELS_CHECKPOINT } from '../entities/projector-checkpoint.entity';

const varchar = (name: string, length: number, isNullable = false) => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});

/** Every table a replay rebuilds (all but the checkpoint and the migrations' own). */
const REBUILT = [
  'licenses',
  'products',
  'variants',
  'seat_occupancy',
  'leases',
  'sessions',
  'activations',
  'audit_log',
  'utilization_buckets',
  'refusal_counts',
  'refusals',
];

/**
 * Issue 14: refusals by who (the `refusals` table), the product on every audit row, and the
 * machine's name on its activation (`activations.hostname`, MachineActivated.v2). All three
 * need the whole history, which only the events have, so the migration also empties the read
 * models and resets the checkpoint: the projector replays from the first event on its next
 * start (a fresh installation loses nothing; an existing one is rebuilt as by
 * `projector:rebuild`).
 */
export class RefusalsByClient1764600000000 implements MigrationInterface {
  readonly name = 'RefusalsByClient1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'refusals',
        columns: [
          { name: 'position', type: 'bigint', isPrimary: true },
          varchar('license_id', ID_LENGTH),
          varchar('product_id', ID_LENGTH),
          varchar('kind', 16),
          varchar('reason', 32),
          { name: 'fingerprint', type: 'text', isNullable: true },
          varchar('username', 128, true),
          varchar('session_kind', 16, true),
          varchar('occurred_at', INSTANT_LENGTH),
          { name: 'count', type: 'integer' },
        ],
        indices: [
          new TableIndex({ name: 'refusals_license', columnNames: ['license_id', 'occurred_at'] }),
          new TableIndex({ name: 'refusals_occurred', columnNames: ['occurred_at'] }),
        ],
      }),
      false,
      false,
      true,
    );
    await queryRunner.addColumn(
      'activations',
      new TableColumn({ ...varchar('hostname', 253, true), isNullable: true }),
    );
    for (const table of REBUILT) await queryRunner.query(`DELETE FROM ${table}`);
    await queryRunner.query(
      `UPDATE projector_checkpoint SET position = NULL, events_projected = 0, updated_at = NULL
       WHERE name = '${READ_MODELS_CHECKPOINT}'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('activations', 'hostname');
    await queryRunner.dropTable('refusals', true);
  }
}
