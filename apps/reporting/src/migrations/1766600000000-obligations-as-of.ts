import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The credit-line reports show, per project, the reports submitted, late and overdue as of any moment (issue 13): an
 * obligation remembers when its submission was recorded, and the report reads the obligations themselves instead of
 * the current "next report due" kept on the allocation (which could only answer for now). Submissions recorded before
 * this migration count from the start of their submission day.
 */
export class ObligationsAsOf1766600000000 implements MigrationInterface {
  name = 'ObligationsAsOf1766600000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`ALTER TABLE "${s}"."obligations" ADD COLUMN "submitted_at" timestamptz NULL`);
    await q.query(
      `UPDATE "${s}"."obligations" SET "submitted_at" = "submitted_on"::timestamp AT TIME ZONE 'UTC' WHERE "submitted_on" IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "obligations_of_allocation" ON "${s}"."obligations" ("allocation_id")`);
    await q.query(`ALTER TABLE "${s}"."allocations" DROP COLUMN "next_obligation"`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`ALTER TABLE "${s}"."allocations" ADD COLUMN "next_obligation" text NULL`);
    await q.query(
      `UPDATE "${s}"."allocations" a SET "next_obligation" = (SELECT o."kind" || ' ' || o."due_on"::text
         FROM "${s}"."obligations" o WHERE o."allocation_id" = a."allocation_id" AND o."submitted_on" IS NULL
         ORDER BY o."due_on", o."kind" LIMIT 1)`,
    );
    await q.query(`DROP INDEX "${s}"."obligations_of_allocation"`);
    await q.query(`ALTER TABLE "${s}"."obligations" DROP COLUMN "submitted_at"`);
  }
}
