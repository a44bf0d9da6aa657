import { createIdempotencyTable } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { ACCOUNT_KINDS } from '../ledger/chart-of-accounts';

export class LedgerAndContributions1763900000000 implements MigrationInterface {
  name = 'LedgerAndContributions1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await createIdempotencyTable(q, 'funds');
    await q.query(`ALTER TABLE "funds"."funds"
      ADD COLUMN "status" text NOT NULL DEFAULT 'open' CHECK ("status" IN ('open', 'closed')),
      ADD COLUMN "fee_basis_points" int NOT NULL DEFAULT 0 CHECK ("fee_basis_points" BETWEEN 0 AND 10000),
      ADD COLUMN "capitalization_target_minor" bigint NULL`);
    // M9: the Administrative Agent fee of the Migration MPTF is 1% (configurable); M13: USD 70 million target.
    await q.query(`UPDATE "funds"."funds" SET "fee_basis_points" = 100, "capitalization_target_minor" = 7000000000
      WHERE "code" = 'MIGRATION_MPTF'`);
    await q.query(`
      CREATE TABLE "funds"."fund_years" (
        "fund_code" text NOT NULL REFERENCES "funds"."funds" ("code"),
        "year" int NOT NULL CHECK ("year" BETWEEN 2000 AND 2100),
        "opened_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("fund_code", "year")
      )`);
    await q.query(
      `INSERT INTO "funds"."fund_years" ("fund_code", "year") VALUES ('MIGRATION_MPTF', 2026), ('FUND_1035', 2026)`,
    );

    await q.query(`
      CREATE TABLE "funds"."ledger_accounts" (
        "id" text PRIMARY KEY,
        "fund_code" text NOT NULL,
        "pocket_code" text NOT NULL,
        "kind" text NOT NULL,
        "normal_side" text NOT NULL CHECK ("normal_side" IN ('debit', 'credit')),
        "currency" char(3) NOT NULL,
        "balance_minor" bigint NOT NULL DEFAULT 0,
        "non_negative" boolean NOT NULL,
        FOREIGN KEY ("fund_code", "pocket_code") REFERENCES "funds"."pockets" ("fund_code", "code"),
        -- Enforced where the data lives too: no code path can overdraw such an account.
        CONSTRAINT "ledger_accounts_not_overdrawn" CHECK (NOT "non_negative" OR "balance_minor" >= 0)
      )`);
    await q.query(`
      CREATE TABLE "funds"."journal_entries" (
        "id" uuid PRIMARY KEY,
        "sequence" bigserial NOT NULL UNIQUE,
        "fund_code" text NOT NULL REFERENCES "funds"."funds" ("code"),
        "type" text NOT NULL,
        "currency" char(3) NOT NULL,
        "reference_type" text NOT NULL,
        "reference_id" text NOT NULL,
        "description" text NOT NULL,
        "reverses_entry_id" uuid NULL REFERENCES "funds"."journal_entries" ("id"),
        "posted_at" timestamptz NOT NULL,
        "actor_user_id" text NOT NULL,
        "actor_role" text NOT NULL,
        "correlation_id" text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX "journal_entries_by_reference" ON "funds"."journal_entries" ("reference_type", "reference_id")`,
    );
    await q.query(`
      CREATE TABLE "funds"."journal_lines" (
        "id" bigserial PRIMARY KEY,
        "entry_id" uuid NOT NULL REFERENCES "funds"."journal_entries" ("id"),
        "account_id" text NOT NULL REFERENCES "funds"."ledger_accounts" ("id"),
        "side" text NOT NULL CHECK ("side" IN ('debit', 'credit')),
        "amount_minor" bigint NOT NULL CHECK ("amount_minor" > 0)
      )`);
    await q.query(`CREATE INDEX "journal_lines_by_account" ON "funds"."journal_lines" ("account_id")`);
    await q.query(`CREATE INDEX "journal_lines_by_entry" ON "funds"."journal_lines" ("entry_id")`);
    // G2: entries are append-only, and every entry balances when its transaction commits.
    await q.query(`
      CREATE FUNCTION "funds"."refuse_ledger_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only: post a reversing entry instead', TG_TABLE_NAME; END $$`);
    for (const table of ['journal_entries', 'journal_lines']) {
      await q.query(`CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "funds"."${table}"
        FOR EACH ROW EXECUTE FUNCTION "funds"."refuse_ledger_change"()`);
    }
    await q.query(`
      CREATE FUNCTION "funds"."check_entry_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE difference bigint;
      BEGIN
        SELECT coalesce(sum(CASE WHEN side = 'debit' THEN amount_minor ELSE -amount_minor END), 0) INTO difference
          FROM "funds"."journal_lines" WHERE entry_id = NEW.entry_id;
        IF difference <> 0 THEN
          RAISE EXCEPTION 'journal entry % does not balance (debits - credits = %)', NEW.entry_id, difference;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER "journal_lines_balanced" AFTER INSERT ON "funds"."journal_lines"
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "funds"."check_entry_balanced"()`);

    const kinds = Object.entries(ACCOUNT_KINDS);
    await q.query(
      `INSERT INTO "funds"."ledger_accounts" ("id", "fund_code", "pocket_code", "kind", "normal_side", "currency", "non_negative")
       SELECT p.fund_code || ':' || p.code || ':' || k.kind, p.fund_code, p.code, k.kind, k.normal, f.reporting_currency, k.non_negative
       FROM "funds"."pockets" p JOIN "funds"."funds" f ON f.code = p.fund_code
       CROSS JOIN unnest($1::text[], $2::text[], $3::boolean[]) AS k(kind, normal, non_negative)`,
      [kinds.map(([k]) => k), kinds.map(([, v]) => v.normal), kinds.map(([, v]) => v.nonNegative)],
    );

    await q.query(`
      CREATE TABLE "funds"."donors" (
        "id" uuid PRIMARY KEY,
        "name" text NOT NULL,
        "type" text NOT NULL CHECK ("type" IN ('member-state', 'other-government', 'private', 'multilateral')),
        "country" char(3) NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE "funds"."commitments" (
        "id" uuid PRIMARY KEY,
        "donor_id" uuid NOT NULL REFERENCES "funds"."donors" ("id"),
        "fund_code" text NOT NULL,
        "pocket_code" text NOT NULL,
        "amount_minor" bigint NOT NULL CHECK ("amount_minor" > 0),
        "currency" char(3) NOT NULL,
        "schedule" jsonb NOT NULL,
        "signed_on" date NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY ("fund_code", "pocket_code") REFERENCES "funds"."pockets" ("fund_code", "code")
      )`);
    await q.query(`
      CREATE TABLE "funds"."deposits" (
        "id" uuid PRIMARY KEY,
        "donor_id" uuid NOT NULL REFERENCES "funds"."donors" ("id"),
        "commitment_id" uuid NULL REFERENCES "funds"."commitments" ("id"),
        "fund_code" text NOT NULL,
        "pocket_code" text NOT NULL,
        "original_minor" bigint NOT NULL CHECK ("original_minor" > 0),
        "original_currency" char(3) NOT NULL,
        "usd_rate" numeric(22, 12) NOT NULL CHECK ("usd_rate" > 0),
        "usd_minor" bigint NOT NULL CHECK ("usd_minor" > 0),
        "fee_minor" bigint NOT NULL CHECK ("fee_minor" >= 0),
        "fee_basis_points" int NOT NULL,
        "deposit_date" date NOT NULL,
        "entry_id" uuid NOT NULL REFERENCES "funds"."journal_entries" ("id"),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY ("fund_code", "pocket_code") REFERENCES "funds"."pockets" ("fund_code", "code")
      )`);
    await q.query(`
      CREATE TABLE "funds"."line_fundings" (
        "id" uuid PRIMARY KEY,
        "fund_code" text NOT NULL,
        "year" int NOT NULL,
        "inputs" jsonb NOT NULL,
        "steps" jsonb NOT NULL,
        "line1_minor" bigint NOT NULL,
        "line2_minor" bigint NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        UNIQUE ("fund_code", "year"),
        FOREIGN KEY ("fund_code", "year") REFERENCES "funds"."fund_years" ("fund_code", "year")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['line_fundings', 'deposits', 'commitments', 'donors', 'journal_lines', 'journal_entries']) {
      await q.query(`DROP TABLE "funds"."${table}"`);
    }
    await q.query(`DROP FUNCTION "funds"."check_entry_balanced"()`);
    await q.query(`DROP FUNCTION "funds"."refuse_ledger_change"()`);
    await q.query(`DROP TABLE "funds"."ledger_accounts"`);
    await q.query(`DROP TABLE "funds"."fund_years"`);
    await q.query(`ALTER TABLE "funds"."funds" DROP COLUMN "status", DROP COLUMN "fee_basis_points",
      DROP COLUMN "capitalization_target_minor"`);
    await q.query(`DROP TABLE "funds"."idempotency_keys"`);
  }
}
