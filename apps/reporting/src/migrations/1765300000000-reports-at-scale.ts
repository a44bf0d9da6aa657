import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { ALLOCATION_TOTALS, MONTH_OF } from '../finance/ledger-totals';

/**
 * Issue 16 (ADR 0018): reports that stay instant for the life of a fund. The per-allocation lookups get their indexes;
 * each allocation keeps its totals, maintained by the finance projection, with the moment up to which they hold; and
 * every pocket keeps the sum of its movements per month, so a balance reads the months before its moment and only the
 * movements of its own month. Existing rows are filled here from the tables they summarise.
 */
export class ReportsAtScale1765300000000 implements MigrationInterface {
  name = 'ReportsAtScale1765300000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(
      `CREATE INDEX "transfers_by_allocation" ON "${s}"."transfers" ("allocation_id", "recorded_at") INCLUDE ("amount_minor")`,
    );
    await q.query(
      `CREATE INDEX "expenditure_reports_by_allocation" ON "${s}"."expenditure_reports"
         ("allocation_id", "organisation", "year", "reported_at" DESC, "sequence" DESC) INCLUDE ("amount_minor")`,
    );
    await q.query(`CREATE INDEX "expenditure_reports_by_year" ON "${s}"."expenditure_reports" ("year")`);
    await q.query(
      `CREATE INDEX "obligations_by_allocation" ON "${s}"."obligations" ("allocation_id", "due_on", "kind") WHERE "submitted_on" IS NULL`,
    );
    // A fund-year report selects the allocations committed in that year: only the commitments of that year are read.
    await q.query(
      `CREATE INDEX "commitments_by_fund_year" ON "${s}"."ledger_movements" ("fund_code", "fund_year", "reference_id")
       WHERE "reference_type" = 'allocation' AND "entry_type" = 'allocation.commitment'`,
    );
    await q.query(
      `CREATE INDEX "allocations_by_pocket" ON "${s}"."allocations" ("fund_code", "pocket_code", "approved_at", "allocation_id")`,
    );
    await q.query(`ALTER TABLE "${s}"."allocations"
      ADD COLUMN "transferred_minor" bigint NOT NULL DEFAULT 0,
      ADD COLUMN "first_transfer_at" timestamptz NULL,
      ADD COLUMN "transfers_until" timestamptz NULL,
      ADD COLUMN "spent_minor" bigint NOT NULL DEFAULT 0,
      ADD COLUMN "expenditure_until" timestamptz NULL,
      ADD COLUMN "next_obligation" text NULL`);
    await q.query(ALLOCATION_TOTALS((table) => `"${s}"."${table}"`, 'true'));
    await q.query(`
      CREATE TABLE "${s}"."ledger_months" (
        "fund_code" text NOT NULL,
        "pocket_code" text NOT NULL,
        "month" timestamptz NOT NULL,
        "fund_year" int NOT NULL,
        "kind" text NOT NULL,
        "entry_type" text NOT NULL,
        "signed_minor" bigint NOT NULL,
        PRIMARY KEY ("fund_code", "pocket_code", "month", "fund_year", "kind", "entry_type")
      )`);
    await q.query(`
      INSERT INTO "${s}"."ledger_months" (fund_code, pocket_code, month, fund_year, kind, entry_type, signed_minor)
      SELECT fund_code, pocket_code, ${MONTH_OF('posted_at')}, fund_year, kind, entry_type,
             sum(CASE WHEN side = 'debit' THEN amount_minor ELSE -amount_minor END)
      FROM "${s}"."ledger_movements" GROUP BY 1, 2, 3, 4, 5, 6`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP TABLE "${s}"."ledger_months"`);
    await q.query(`ALTER TABLE "${s}"."allocations" DROP COLUMN "transferred_minor", DROP COLUMN "first_transfer_at",
      DROP COLUMN "transfers_until", DROP COLUMN "spent_minor", DROP COLUMN "expenditure_until",
      DROP COLUMN "next_obligation"`);
    for (const index of [
      'allocations_by_pocket',
      'commitments_by_fund_year',
      'obligations_by_allocation',
      'expenditure_reports_by_year',
      'expenditure_reports_by_allocation',
      'transfers_by_allocation',
    ])
      await q.query(`DROP INDEX "${s}"."${index}"`);
  }
}
