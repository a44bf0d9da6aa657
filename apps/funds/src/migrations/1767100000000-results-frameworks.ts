import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, results frameworks: every version of a concept's framework (as submitted, then as staff recorded it for
 * the allocation) and every version of the progress reported with a report. Both append-only (G3): a change is a new
 * version, the earlier stays.
 */
export class ResultsFrameworks1767100000000 implements MigrationInterface {
  name = 'ResultsFrameworks1767100000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`
      CREATE TABLE "${s}"."results_frameworks" (
        "concept_id" uuid NOT NULL,
        "source" text NOT NULL CHECK ("source" IN ('submission', 'staff')),
        "version" int NOT NULL CHECK ("version" >= 1),
        "allocation_id" uuid NULL REFERENCES "${s}"."allocations" ("id"),
        "framework" jsonb NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        "recorded_by" text NOT NULL,
        PRIMARY KEY ("concept_id", "source", "version"),
        CHECK (("source" = 'staff') = ("allocation_id" IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE "${s}"."results_progress" (
        "obligation_id" uuid NOT NULL REFERENCES "${s}"."obligations" ("id"),
        "version" int NOT NULL CHECK ("version" >= 1),
        "allocation_id" uuid NOT NULL REFERENCES "${s}"."allocations" ("id"),
        "progress" jsonb NOT NULL,
        "reported_on" date NOT NULL,
        "reported_at" timestamptz NOT NULL,
        "reported_by" text NOT NULL,
        PRIMARY KEY ("obligation_id", "version")
      )`);
    await q.query(`CREATE INDEX "results_progress_of_allocation" ON "${s}"."results_progress" ("allocation_id")`);
    await q.query(`
      CREATE FUNCTION "${s}"."refuse_results_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only: record a new version instead', TG_TABLE_NAME; END $$`);
    for (const table of ['results_frameworks', 'results_progress']) {
      await q.query(`CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${s}"."${table}"
        FOR EACH ROW EXECUTE FUNCTION "${s}"."refuse_results_change"()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP TABLE "${s}"."results_progress"`);
    await q.query(`DROP TABLE "${s}"."results_frameworks"`);
    await q.query(`DROP FUNCTION "${s}"."refuse_results_change"()`);
  }
}
