import { FUND_PARAMETERS_SEED } from '@fundline/contracts';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Allocations1764100000000 implements MigrationInterface {
  name = 'Allocations1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "funds"."reference_replica" (
        "dataset" text NOT NULL,
        "key" text NOT NULL,
        "effective_from" date NOT NULL,
        "value" jsonb NULL,
        PRIMARY KEY ("dataset", "key", "effective_from")
      )`);
    await q.query(
      `INSERT INTO "funds"."reference_replica" ("dataset", "key", "effective_from", "value")
       SELECT 'fund-parameter', k, '2019-01-01', jsonb_build_object('value', v) FROM unnest($1::text[], $2::bigint[]) AS t(k, v)`,
      [Object.keys(FUND_PARAMETERS_SEED), Object.values(FUND_PARAMETERS_SEED)],
    );
    await q.query(
      `ALTER TABLE "funds"."pipeline_replica" ADD COLUMN "parent_id" uuid NULL, ADD COLUMN "thematic_area" int NULL`,
    );
    await q.query(`
      CREATE TABLE "funds"."committee_sessions" (
        "id" uuid PRIMARY KEY,
        "fund_code" text NOT NULL REFERENCES "funds"."funds" ("code"),
        "quorum" int NOT NULL CHECK ("quorum" > 0),
        "status" text NOT NULL CHECK ("status" IN ('open', 'closed')),
        "members" jsonb NOT NULL,
        "agenda" uuid[] NOT NULL,
        "decided" uuid[] NOT NULL DEFAULT '{}',
        "positions" jsonb NOT NULL DEFAULT '[]',
        "opened_at" timestamptz NOT NULL,
        "opened_by" text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "funds"."decisions" (
        "id" uuid PRIMARY KEY,
        "session_id" uuid NOT NULL REFERENCES "funds"."committee_sessions" ("id"),
        "concept_id" uuid NOT NULL,
        "decision" text NOT NULL CHECK ("decision" IN ('approve', 'defer', 'reject')),
        "reasons" text NOT NULL,
        "participants" jsonb NOT NULL,
        "recused" jsonb NOT NULL,
        "objections" jsonb NOT NULL,
        "decided_at" timestamptz NOT NULL,
        "actor_user_id" text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "funds"."allocations" (
        "id" uuid PRIMARY KEY,
        "concept_id" uuid NOT NULL UNIQUE,
        "fund_code" text NOT NULL,
        "pocket_code" text NOT NULL,
        "credit_line" int NULL CHECK ("credit_line" IN (1, 2)),
        "amount_minor" bigint NOT NULL CHECK ("amount_minor" > 0),
        "status" text NOT NULL CHECK ("status" IN ('approved', 'under-implementation', 'closed')),
        "start_date" date NOT NULL,
        "end_date" date NOT NULL,
        "shares" jsonb NOT NULL,
        "decision_id" uuid NOT NULL REFERENCES "funds"."decisions" ("id"),
        "approved_at" timestamptz NOT NULL,
        "closed_at" timestamptz NULL,
        FOREIGN KEY ("fund_code", "pocket_code") REFERENCES "funds"."pockets" ("fund_code", "code")
      )`);
    await q.query(`
      CREATE TABLE "funds"."transfers" (
        "id" uuid PRIMARY KEY,
        "allocation_id" uuid NOT NULL REFERENCES "funds"."allocations" ("id"),
        "organisation" text NOT NULL,
        "amount_minor" bigint NOT NULL CHECK ("amount_minor" > 0),
        "transfer_date" date NOT NULL,
        "entry_id" uuid NOT NULL REFERENCES "funds"."journal_entries" ("id")
      )`);
    await q.query(`
      CREATE TABLE "funds"."expenditures" (
        "id" uuid PRIMARY KEY,
        "allocation_id" uuid NOT NULL REFERENCES "funds"."allocations" ("id"),
        "organisation" text NOT NULL,
        "year" int NOT NULL,
        "amount_minor" bigint NOT NULL CHECK ("amount_minor" >= 0),
        "reported_at" timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "funds"."obligations" (
        "id" uuid PRIMARY KEY,
        "allocation_id" uuid NOT NULL REFERENCES "funds"."allocations" ("id"),
        "concept_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "due_on" date NOT NULL,
        "submitted_on" date NULL,
        "overdue_notified" boolean NOT NULL DEFAULT false,
        UNIQUE ("allocation_id", "kind")
      )`);
    for (const table of ['decisions', 'transfers', 'expenditures']) {
      await q.query(`CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "funds"."${table}"
        FOR EACH ROW EXECUTE FUNCTION "funds"."refuse_ledger_change"()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'obligations',
      'expenditures',
      'transfers',
      'allocations',
      'decisions',
      'committee_sessions',
      'reference_replica',
    ]) {
      await q.query(`DROP TABLE "funds"."${table}"`);
    }
    await q.query(`ALTER TABLE "funds"."pipeline_replica" DROP COLUMN "parent_id", DROP COLUMN "thematic_area"`);
  }
}
