import {
  Table,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';
import { ID_LENGTH, INSTANT_LENGTH } from '../columns';
import { READ_MODELS_CHECKPOINT } from '../entities/projector-checkpoint.entity';

/** Column shorthands: the same types the entities declare, so the schema diff stays empty. */
const id = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(ID_LENGTH),
  ...extra,
});
const instant = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(INSTANT_LENGTH),
  isNullable: nullable,
});
const name = (col: string, length: number, nullable = false): TableColumnOptions => ({
  name: col,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const text = (col: string, nullable = false): TableColumnOptions => ({
  name: col,
  type: 'text',
  isNullable: nullable,
});
const int = (col: string, nullable = false): TableColumnOptions => ({
  name: col,
  type: 'integer',
  isNullable: nullable,
});
const big = (col: string, nullable = false): TableColumnOptions => ({
  name: col,
  type: 'bigint',
  isNullable: nullable,
});
const bool = (col: string): TableColumnOptions => ({ name: col, type: 'boolean' });
const primary = (column: TableColumnOptions): TableColumnOptions => ({
  ...column,
  isPrimary: true,
});

/** Built afresh for each run: the schema builder may annotate the objects it is given. */
const tables = (): readonly Table[] => [
  new Table({
    name: 'licenses',
    columns: [
      primary(id('license_id')),
      id('product_id'),
      id('variant_id'),
      name('license_type', 16),
      text('licensee', true),
      bool('trial'),
      name('standing', 16),
      name('threat', 16),
      name('status', 16),
      text('status_reason', true),
      instant('issued_at'),
      instant('expires_at', true),
      instant('expired_at', true),
      int('max_machines', true),
      int('max_floating', true),
      int('floating_timeout_minutes', true),
      int('max_sessions', true),
      text('reserved_accounts'),
      text('policy'),
      instant('updated_at'),
      big('updated_position'),
    ],
    indices: [
      new TableIndex({ name: 'licenses_product', columnNames: ['product_id', 'license_id'] }),
    ],
  }),
  new Table({
    name: 'products',
    columns: [primary(id('product_id')), text('name'), instant('created_at'), big('last_position')],
  }),
  new Table({
    name: 'variants',
    columns: [
      primary(id('product_id')),
      primary(id('variant_id')),
      name('license_type', 16),
      text('policy'),
      text('preset', true),
      bool('retired'),
      instant('defined_at'),
      instant('updated_at'),
    ],
  }),
  new Table({
    name: 'seat_occupancy',
    columns: [
      primary(id('license_id')),
      primary(name('holder_kind', 16)),
      int('cap', true),
      int('reserved'),
      int('in_use'),
      int('available', true),
    ],
  }),
  new Table({
    name: 'leases',
    columns: [
      primary(big('id')),
      id('license_id'),
      id('lease_id'),
      text('fingerprint'),
      name('via', 16),
      instant('checked_out_at'),
      instant('expires_at'),
      int('heartbeats'),
      instant('last_heartbeat_at', true),
      instant('ended_at', true),
      name('end_reason', 32, true),
      instant('end_recorded_at', true),
    ],
    indices: [new TableIndex({ name: 'leases_license', columnNames: ['license_id', 'lease_id'] })],
  }),
  new Table({
    name: 'sessions',
    columns: [
      primary(big('id')),
      id('license_id'),
      id('session_id'),
      name('username', 128),
      name('kind', 16),
      name('pool', 16),
      instant('opened_at'),
      instant('last_activity_at'),
      int('activities'),
      instant('expires_at'),
      instant('hard_expires_at', true),
      instant('ended_at', true),
      name('end_reason', 32, true),
      instant('end_recorded_at', true),
    ],
    indices: [
      new TableIndex({ name: 'sessions_license', columnNames: ['license_id', 'session_id'] }),
    ],
  }),
  new Table({
    name: 'activations',
    columns: [
      primary(big('id')),
      id('license_id'),
      id('activation_id'),
      text('fingerprint'),
      name('country', 2, true),
      instant('activated_at'),
      int('reactivations'),
      id('token_id'),
      instant('token_expires_at'),
      instant('deactivated_at', true),
      name('end_reason', 32, true),
    ],
    indices: [
      new TableIndex({ name: 'activations_license', columnNames: ['license_id', 'fingerprint'] }),
    ],
  }),
  new Table({
    name: 'audit_log',
    columns: [
      primary(big('position')),
      text('event_id'),
      text('stream'),
      big('revision'),
      text('type'),
      id('license_id', { isNullable: true }),
      id('product_id', { isNullable: true }),
      instant('occurred_at'),
      text('recorded_at'),
      text('actor'),
      text('correlation_id'),
      text('causation_id', true),
      text('payload'),
    ],
    indices: [
      new TableIndex({ name: 'audit_log_license', columnNames: ['license_id', 'position'] }),
      new TableIndex({ name: 'audit_log_type', columnNames: ['type', 'position'] }),
      new TableIndex({ name: 'audit_log_actor', columnNames: ['actor', 'position'] }),
      new TableIndex({ name: 'audit_log_occurred', columnNames: ['occurred_at', 'position'] }),
    ],
  }),
  new Table({
    name: 'utilization_buckets',
    columns: [
      primary(id('license_id')),
      primary(name('holder_kind', 16)),
      primary(instant('bucket_start')),
      int('level_at_start'),
      int('level_at_end'),
      int('peak'),
      big('seat_ms'),
      text('changes'),
    ],
  }),
  new Table({
    name: 'refusal_counts',
    columns: [
      primary(id('license_id')),
      primary(name('kind', 16)),
      primary(name('reason', 32)),
      primary(instant('bucket_start')),
      int('count'),
    ],
  }),
  new Table({
    name: 'projector_checkpoint',
    columns: [
      primary(name('name', 64)),
      big('position', true),
      big('events_projected'),
      instant('updated_at', true),
    ],
  }),
];

/** Every read model of issue 5, on SQLite and PostgreSQL alike. */
export class CreateReadModels1763880000000 implements MigrationInterface {
  readonly name = 'CreateReadModels1763880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables()) await queryRunner.createTable(table, false, false, true);
    await queryRunner.query(
      `INSERT INTO projector_checkpoint (name, position, events_projected, updated_at)
       VALUES ('${READ_MODELS_CHECKPOINT}', NULL, 0, NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...tables()].reverse()) await queryRunner.dropTable(table.name, true);
  }
}
