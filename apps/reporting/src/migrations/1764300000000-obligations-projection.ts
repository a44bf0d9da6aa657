import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ObligationsProjection1764300000000 implements MigrationInterface {
  name = 'ObligationsProjection1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`ALTER TABLE "${s}"."allocations" ADD COLUMN "organisations" text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      CREATE TABLE "${s}"."obligations" (
        "obligation_id" uuid PRIMARY KEY,
        "allocation_id" uuid NOT NULL,
        "concept_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "due_on" date NOT NULL,
        "submitted_on" date NULL
      )`);
    await q.query(`CREATE INDEX "obligations_by_due" ON "${s}"."obligations" ("due_on")`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP TABLE "${s}"."obligations"`);
    await q.query(`ALTER TABLE "${s}"."allocations" DROP COLUMN "organisations"`);
  }
}
