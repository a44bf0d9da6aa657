import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A fund-year report asks, per allocation, for the movements of its commitment (by reference); without this index
 * each allocation scans every movement of its fund.
 */
export class MovementsByReference1765100000000 implements MigrationInterface {
  name = 'MovementsByReference1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ledger_movements_by_reference" ON "${schemaOf(q)}"."ledger_movements" ("fund_code", "reference_type", "reference_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "${schemaOf(q)}"."ledger_movements_by_reference"`);
  }
}
