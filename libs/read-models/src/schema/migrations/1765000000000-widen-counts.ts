import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Every column that held a 32-bit integer: counts and caps, now bigint (see IntColumn). */
const counts: Readonly<Record<string, readonly (readonly [string, boolean])[]>> = {
  licenses: [
    ['max_machines', true],
    ['max_floating', true],
    ['floating_timeout_minutes', true],
    ['max_sessions', true],
  ],
  seat_occupancy: [
    ['cap', true],
    ['reserved', false],
    ['in_use', false],
    ['available', true],
  ],
  leases: [['heartbeats', false]],
  sessions: [['activities', false]],
  activations: [['reactivations', false]],
  utilization_buckets: [
    ['level_at_start', false],
    ['level_at_end', false],
    ['peak', false],
  ],
  refusal_counts: [['count', false]],
  refusals: [['count', false]],
};

const column = (name: string, isNullable: boolean, type: string) =>
  new TableColumn({ name, type, isNullable });

/**
 * PostgreSQL changes a column's type in place (TypeORM's changeColumn would drop and re-add
 * it, losing its values); SQLite only records the declared type, which TypeORM changes by
 * copying the table.
 */
const change = async (queryRunner: QueryRunner, from: string, to: string): Promise<void> => {
  for (const [table, columns] of Object.entries(counts)) {
    if (queryRunner.connection.options.type === 'postgres') {
      const alter = columns.map(([name]) => `ALTER COLUMN "${name}" TYPE ${to}`).join(', ');
      await queryRunner.query(`ALTER TABLE "${table}" ${alter}`);
      continue;
    }
    await queryRunner.changeColumns(
      table,
      columns.map(([name, nullable]) => ({
        oldColumn: column(name, nullable, from),
        newColumn: column(name, nullable, to),
      })),
    );
  }
};

/**
 * The read side accepts everything the domain accepts: a seat cap of 3,000,000,000 recorded
 * before the bounds existed, or a counter past 2^31, stopped the PostgreSQL projection for
 * good on an `integer` column. Every count and cap is a bigint now (on SQLite the declared
 * type changes; its integers were 64-bit already).
 */
export class WidenCounts1765000000000 implements MigrationInterface {
  readonly name = 'WidenCounts1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await change(queryRunner, 'integer', 'bigint');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await change(queryRunner, 'bigint', 'integer');
  }
}
