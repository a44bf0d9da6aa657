import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Read tables for the finance reports, projected from funds events only. */
export class FinanceProjections1764100000000 implements MigrationInterface {
  name = 'FinanceProjections1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`
      CREATE TABLE "${s}"."ledger_movements" (
        "entry_id" uuid NOT NULL,
        "line_no" int NOT NULL,
        "fund_code" text NOT NULL,
        "pocket_code" text NOT NULL,
        "kind" text NOT NULL,
        "side" text NOT NULL,
        "amount_minor" bigint NOT NULL,
        "entry_type" text NOT NULL,
        "reference_type" text NOT NULL,
        "reference_id" text NOT NULL,
        "posted_at" timestamptz NOT NULL,
        PRIMARY KEY ("entry_id", "line_no")
      )`);
    await q.query(
      `CREATE INDEX "ledger_movements_by_pocket" ON "${s}"."ledger_movements" ("fund_code", "pocket_code", "posted_at")`,
    );
    await q.query(`
      CREATE TABLE "${s}"."allocations" (
        "allocation_id" uuid PRIMARY KEY,
        "concept_id" uuid NOT NULL,
        "fund_code" text NOT NULL,
        "pocket_code" text NOT NULL,
        "credit_line" int NULL,
        "amount_minor" bigint NOT NULL,
        "status" text NOT NULL,
        "approved_at" timestamptz NOT NULL,
        "start_date" date NOT NULL,
        "end_date" date NOT NULL,
        "closed_at" timestamptz NULL
      )`);
    await q.query(`
      CREATE TABLE "${s}"."transfers" (
        "transfer_id" uuid PRIMARY KEY,
        "allocation_id" uuid NOT NULL,
        "organisation" text NOT NULL,
        "amount_minor" bigint NOT NULL,
        "transfer_date" date NOT NULL,
        "recorded_at" timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "${s}"."expenditure_reports" (
        "event_id" uuid PRIMARY KEY,
        "allocation_id" uuid NOT NULL,
        "organisation" text NOT NULL,
        "year" int NOT NULL,
        "amount_minor" bigint NOT NULL,
        "reported_at" timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    for (const t of ['expenditure_reports', 'transfers', 'allocations', 'ledger_movements'])
      await q.query(`DROP TABLE "${s}"."${t}"`);
  }
}
