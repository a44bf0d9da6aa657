import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Two reports of one year can carry the same time; the order they were applied in decides which is the latest. */
export class ExpenditureReportOrder1764500000000 implements MigrationInterface {
  name = 'ExpenditureReportOrder1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${schemaOf(q)}"."expenditure_reports" ADD COLUMN "sequence" bigserial`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${schemaOf(q)}"."expenditure_reports" DROP COLUMN "sequence"`);
  }
}
