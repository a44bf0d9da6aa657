import { MigrationInterface, QueryRunner } from 'typeorm';

export class PipelineOfBothFunds1764000000000 implements MigrationInterface {
  name = 'PipelineOfBothFunds1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "reporting"."pipeline_entries"
      ADD COLUMN "kind" text NOT NULL DEFAULT 'concept-note',
      ADD COLUMN "region" text NULL,
      ADD COLUMN "focus_area" text NULL,
      ADD COLUMN "credit_line" int NULL,
      ADD COLUMN "eligible" boolean NULL,
      ADD COLUMN "verdict" jsonb NULL,
      ADD COLUMN "expires_at" timestamptz NULL`);
    await q.query(`CREATE INDEX "pipeline_entries_by_status" ON "reporting"."pipeline_entries" ("fund", "status")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "reporting"."pipeline_entries_by_status"`);
    await q.query(`ALTER TABLE "reporting"."pipeline_entries" DROP COLUMN "kind", DROP COLUMN "region",
      DROP COLUMN "focus_area", DROP COLUMN "credit_line", DROP COLUMN "eligible", DROP COLUMN "verdict",
      DROP COLUMN "expires_at"`);
  }
}
