import { MigrationInterface, QueryRunner } from 'typeorm';

export class PipelineReplicaOfBothFunds1764000000000 implements MigrationInterface {
  name = 'PipelineReplicaOfBothFunds1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "funds"."pipeline_replica"
      ADD COLUMN "credit_line" int NULL,
      ADD COLUMN "scope" text NULL,
      ADD COLUMN "expires_at" timestamptz NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "funds"."pipeline_replica" DROP COLUMN "credit_line", DROP COLUMN "scope",
      DROP COLUMN "expires_at"`);
  }
}
