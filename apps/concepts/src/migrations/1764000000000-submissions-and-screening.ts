import { MigrationInterface, QueryRunner } from 'typeorm';
import { COUNTRIES_SEED } from '../reference-data/seed/countries.seed';
import {
  BENEFICIARY_SEED,
  CALL_ROUNDS_SEED,
  FOCUS_AREAS_SEED,
  FUND_PARAMETERS_SEED,
} from '../reference-data/seed/fund-1035.seed';
import { PARTICIPATING_ORGANISATIONS_SEED, THEMATIC_AREAS_SEED } from '../reference-data/seed/migration-mptf.seed';

/**
 * Reference data becomes versioned by effective date (one table for every list), concept notes and Fund 1035
 * project proposals share one `submissions` table, and every screening verdict is kept.
 */
export class SubmissionsAndScreening1764000000000 implements MigrationInterface {
  name = 'SubmissionsAndScreening1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "concepts"."reference_versions" (
        "dataset" text NOT NULL,
        "key" text NOT NULL,
        "effective_from" date NOT NULL,
        "value" jsonb NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        "recorded_by" text NOT NULL,
        PRIMARY KEY ("dataset", "key", "effective_from")
      )`);
    const insert = async (dataset: string, effectiveFrom: string, rows: Array<[string, unknown]>) => {
      await q.query(
        `INSERT INTO "concepts"."reference_versions" ("dataset", "key", "effective_from", "value", "recorded_by")
         SELECT $1, k, $2::date, v, 'seed' FROM unnest($3::text[], $4::jsonb[]) AS t(k, v)`,
        [dataset, effectiveFrom, rows.map(([k]) => k), rows.map(([, v]) => JSON.stringify(v))],
      );
    };
    await insert(
      'country',
      '2019-01-01',
      COUNTRIES_SEED.map(([code, name, region, iomMember]) => [code, { name, region, iomMember }]),
    );
    await insert(
      'thematic-area',
      '2019-01-01',
      THEMATIC_AREAS_SEED.map((a) => [String(a.number), { name: a.name, gcmObjectives: a.gcmObjectives }]),
    );
    await insert(
      'un-organisation',
      '2019-01-01',
      PARTICIPATING_ORGANISATIONS_SEED.map((o) => [o.code, { name: o.name, eligible: true }]),
    );
    await insert(
      'focus-area',
      '2019-01-01',
      FOCUS_AREAS_SEED.map((f) => [f.code, { name: f.name, eligible: f.eligible }]),
    );
    await insert(
      'fund-parameter',
      '2019-01-01',
      // Stored as JSON numbers, as they were before the seed held its amounts as bigint.
      Object.entries(FUND_PARAMETERS_SEED).map(([k, v]) => [k, { value: Number(v) }]),
    );
    await insert(
      'fund1035-beneficiary',
      '2024-07-01',
      BENEFICIARY_SEED.map((b) => [b.code, { incomeGroup: b.incomeGroup, euMember: b.euMember, withdrawn: false }]),
    );
    await insert(
      'call-round',
      '2019-01-01',
      CALL_ROUNDS_SEED.map((c) => [c.code, { opensOn: c.opensOn, closesOn: c.closesOn }]),
    );

    await q.query(`ALTER TABLE "concepts"."concept_notes" RENAME TO "submissions"`);
    await q.query(`ALTER INDEX "concepts"."concept_notes_by_country" RENAME TO "submissions_by_country"`);
    await q.query(`ALTER TABLE "concepts"."submissions"
      DROP CONSTRAINT IF EXISTS "concept_notes_submitting_country_fkey",
      DROP CONSTRAINT IF EXISTS "concept_notes_thematic_area_fkey",
      ALTER COLUMN "thematic_area" DROP NOT NULL,
      ADD COLUMN "kind" text NOT NULL DEFAULT 'concept-note' CHECK ("kind" IN ('concept-note', 'project-proposal')),
      ADD COLUMN "region" text NULL,
      ADD COLUMN "focus_area" text NULL,
      ADD COLUMN "credit_line" int NULL CHECK ("credit_line" IN (1, 2)),
      ADD COLUMN "parent_id" uuid NULL REFERENCES "concepts"."submissions" ("id"),
      ADD COLUMN "content" jsonb NOT NULL DEFAULT '{}',
      ADD COLUMN "focal_point" jsonb NULL,
      ADD COLUMN "eligible" boolean NULL,
      ADD COLUMN "pipeline_entered_at" timestamptz NULL,
      ADD COLUMN "expires_at" timestamptz NULL`);
    await q.query(`CREATE INDEX "submissions_by_status" ON "concepts"."submissions" ("fund", "status", "created_at")`);
    await q.query(`CREATE INDEX "submissions_expiring" ON "concepts"."submissions" ("expires_at")
      WHERE "status" IN ('in-pipeline', 'deferred')`);
    await q.query(
      `DROP TABLE "concepts"."countries", "concepts"."thematic_areas", "concepts"."participating_organisations"`,
    );

    await q.query(`
      CREATE TABLE "concepts"."screenings" (
        "id" uuid PRIMARY KEY,
        "submission_id" uuid NOT NULL REFERENCES "concepts"."submissions" ("id"),
        "version" int NOT NULL,
        "trigger" text NOT NULL CHECK ("trigger" IN ('submission', 're-screen')),
        "reference_date" date NOT NULL,
        "screened_at" timestamptz NOT NULL,
        "eligible" boolean NOT NULL,
        "lines" jsonb NOT NULL,
        "actor_user_id" text NOT NULL,
        "actor_role" text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX "screenings_by_submission" ON "concepts"."screenings" ("submission_id", "screened_at")`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION "concepts"."refuse_history_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`);
    await q.query(`CREATE TRIGGER "screenings_append_only" BEFORE UPDATE OR DELETE ON "concepts"."screenings"
      FOR EACH ROW EXECUTE FUNCTION "concepts"."refuse_history_change"()`);
  }

  async down(): Promise<void> {
    throw new Error('SubmissionsAndScreening1764000000000 moves reference data into versions; restore from a backup');
  }
}
