import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** An expenditure report may say how the year's spending splits by budget category (issue 14); older ones did not. */
export class ExpenditureByCategory1767300000000 implements MigrationInterface {
  name = 'ExpenditureByCategory1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${schemaOf(q)}"."expenditures" ADD COLUMN "lines" jsonb NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${schemaOf(q)}"."expenditures" DROP COLUMN "lines"`);
  }
}
