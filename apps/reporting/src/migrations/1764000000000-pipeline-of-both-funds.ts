import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class PipelineOfBothFunds1764000000000 implements MigrationInterface {
  name = 'PipelineOfBothFunds1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`ALTER TABLE "${s}"."pipeline_entries"
      ADD COLUMN "kind" text NOT NULL DEFAULT 'concept-note',
      ADD COLUMN "region" text NULL,
      ADD COLUMN "focus_area" text NULL,
      ADD COLUMN "credit_line" int NULL,
      ADD COLUMN "eligible" boolean NULL,
      ADD COLUMN "verdict" jsonb NULL,
      ADD COLUMN "expires_at" timestamptz NULL`);
    await q.query(`CREATE INDEX "pipeline_entries_by_status" ON "${s}"."pipeline_entries" ("fund", "status")`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP INDEX "${s}"."pipeline_entries_by_status"`);
    await q.query(`ALTER TABLE "${s}"."pipeline_entries" DROP COLUMN "kind", DROP COLUMN "region",
      DROP COLUMN "focus_area", DROP COLUMN "credit_line", DROP COLUMN "eligible", DROP COLUMN "verdict",
      DROP COLUMN "expires_at"`);
  }
}
