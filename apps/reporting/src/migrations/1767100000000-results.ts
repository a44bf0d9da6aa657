import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, the results view: every version of a concept's results framework (submitted with the concept, recorded by
 * staff for its allocation) and of the progress reported with each report, with the time of its event, so the view
 * can be drawn as of any moment.
 */
export class Results1767100000000 implements MigrationInterface {
  name = 'Results1767100000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`
      CREATE TABLE "${s}"."results_frameworks" (
        "concept_id" uuid NOT NULL,
        "source" text NOT NULL,
        "version" int NOT NULL,
        "framework" jsonb NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        PRIMARY KEY ("concept_id", "source", "version")
      )`);
    await q.query(`
      CREATE TABLE "${s}"."results_progress" (
        "obligation_id" uuid NOT NULL,
        "version" int NOT NULL,
        "allocation_id" uuid NOT NULL,
        "concept_id" uuid NOT NULL,
        "obligation_kind" text NOT NULL,
        "progress" jsonb NOT NULL,
        "reported_on" date NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        PRIMARY KEY ("obligation_id", "version")
      )`);
    await q.query(`CREATE INDEX "results_progress_of_concept" ON "${s}"."results_progress" ("concept_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP TABLE "${s}"."results_progress"`);
    await q.query(`DROP TABLE "${s}"."results_frameworks"`);
  }
}
