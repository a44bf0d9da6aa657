import { createMessagingTables, dropMessagingTables } from '@fundline/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { COUNTRIES_SEED } from '../reference-data/seed/countries.seed';
import { PARTICIPATING_ORGANISATIONS_SEED, THEMATIC_AREAS_SEED } from '../reference-data/seed/migration-mptf.seed';

export class ConceptsSchema1763800000000 implements MigrationInterface {
  name = 'ConceptsSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'concepts');
    await q.query(`CREATE TABLE "concepts"."countries" ("code" char(3) PRIMARY KEY, "name" text NOT NULL)`);
    await q.query(`
      CREATE TABLE "concepts"."thematic_areas" (
        "number" int PRIMARY KEY,
        "name" text NOT NULL,
        "gcm_objectives" int[] NOT NULL CHECK (cardinality("gcm_objectives") > 0)
      )`);
    await q.query(`
      CREATE TABLE "concepts"."participating_organisations" (
        "code" text PRIMARY KEY,
        "name" text NOT NULL,
        "eligible" boolean NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "concepts"."concept_notes" (
        "id" uuid PRIMARY KEY,
        "fund" text NOT NULL,
        "status" text NOT NULL,
        "version" int NOT NULL,
        "submitting_country" char(3) NOT NULL REFERENCES "concepts"."countries" ("code"),
        "owner_user_id" text NOT NULL,
        "title" text NOT NULL,
        "scope" text NOT NULL CHECK ("scope" IN ('national', 'regional', 'global')),
        "countries" char(3)[] NOT NULL,
        "thematic_area" int NOT NULL REFERENCES "concepts"."thematic_areas" ("number"),
        "gcm_objectives" int[] NOT NULL,
        "participating_organisations" text[] NOT NULL,
        "requested_minor" bigint NOT NULL CHECK ("requested_minor" > 0),
        "currency" char(3) NOT NULL,
        "submitted_at" timestamptz NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "row_version" int NOT NULL
      )`);
    await q.query(
      `CREATE INDEX "concept_notes_by_country" ON "concepts"."concept_notes" ("submitting_country", "created_at")`,
    );
    await q.query(`
      CREATE TABLE "concepts"."concept_history" (
        "id" bigserial PRIMARY KEY,
        "concept_id" uuid NOT NULL REFERENCES "concepts"."concept_notes" ("id"),
        "at" timestamptz NOT NULL,
        "action" text NOT NULL,
        "from_status" text NULL,
        "to_status" text NOT NULL,
        "actor_user_id" text NOT NULL,
        "actor_role" text NOT NULL,
        "actor_country" char(3) NULL,
        "reason" text NULL,
        "correlation_id" text NOT NULL
      )`);
    await q.query(`CREATE INDEX "concept_history_by_concept" ON "concepts"."concept_history" ("concept_id", "id")`);
    // History is append-only: the database refuses to change or remove a row, whatever the application does.
    await q.query(`
      CREATE FUNCTION "concepts"."refuse_history_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'concept_history is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER "concept_history_append_only" BEFORE UPDATE OR DELETE ON "concepts"."concept_history"
      FOR EACH ROW EXECUTE FUNCTION "concepts"."refuse_history_change"()`);

    await q.query(
      `INSERT INTO "concepts"."countries" ("code", "name") SELECT * FROM unnest($1::char(3)[], $2::text[])`,
      [COUNTRIES_SEED.map(([code]) => code), COUNTRIES_SEED.map(([, name]) => name)],
    );
    for (const area of THEMATIC_AREAS_SEED) {
      await q.query(
        `INSERT INTO "concepts"."thematic_areas" ("number", "name", "gcm_objectives") VALUES ($1, $2, $3)`,
        [area.number, area.name, area.gcmObjectives],
      );
    }
    for (const organisation of PARTICIPATING_ORGANISATIONS_SEED) {
      await q.query(
        `INSERT INTO "concepts"."participating_organisations" ("code", "name", "eligible") VALUES ($1, $2, true)`,
        [organisation.code, organisation.name],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "concepts"."concept_history"`);
    await q.query(`DROP FUNCTION "concepts"."refuse_history_change"()`);
    await q.query(`DROP TABLE "concepts"."concept_notes"`);
    await q.query(`DROP TABLE "concepts"."participating_organisations"`);
    await q.query(`DROP TABLE "concepts"."thematic_areas"`);
    await q.query(`DROP TABLE "concepts"."countries"`);
    await dropMessagingTables(q, 'concepts');
  }
}
