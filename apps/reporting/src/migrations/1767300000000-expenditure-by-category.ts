import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The expenditure reports keep their split by budget category when `expenditure.reported.v1` has one (issue 14): the
 * budget-versus-expenditure reports sum the latest report's lines; a report without lines counts as `uncategorised`.
 */
export class ExpenditureByCategory1767300000000 implements MigrationInterface {
  name = 'ExpenditureByCategory1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${schemaOf(q)}"."expenditure_reports" ADD COLUMN "lines" jsonb NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${schemaOf(q)}"."expenditure_reports" DROP COLUMN "lines"`);
  }
}
