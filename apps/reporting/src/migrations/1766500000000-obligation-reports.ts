import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The report that fulfilled an obligation (issue 13): its document's id and SHA-256, as `obligation.submitted.v1` names it. */
export class ObligationReports1766500000000 implements MigrationInterface {
  name = 'ObligationReports1766500000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(
      `ALTER TABLE "${s}"."obligations" ADD COLUMN "report_document_id" uuid NULL, ADD COLUMN "report_sha256" char(64) NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`ALTER TABLE "${s}"."obligations" DROP COLUMN "report_document_id", DROP COLUMN "report_sha256"`);
  }
}
