import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Issue 12: the machine's name on a floating lease (`leases.hostname`, LeaseCheckedOut.v2), as
 * `activations.hostname` holds it for an activation. No replay is needed: every checkout
 * recorded before LeaseCheckedOut.v2 named no machine (its v1 upcasts with a null name), which
 * is what the new column holds for the rows already projected.
 */
export class LeaseHostnames1765100000000 implements MigrationInterface {
  readonly name = 'LeaseHostnames1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'leases',
      new TableColumn({ name: 'hostname', type: 'varchar', length: '253', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('leases', 'hostname');
  }
}
