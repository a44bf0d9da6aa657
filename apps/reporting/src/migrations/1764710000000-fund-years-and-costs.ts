import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fund years (ADR 0015): each ledger movement carries the fund year it belongs to, the years a fund has been funded
 * for decide it, and the direct costs and bank charges of M13 are kept with their dates and descriptions.
 * Movements projected before this migration take the year they were posted in; `npm run reporting:rebuild` replays
 * them into their fund years.
 */
export class FundYearsAndCosts1764710000000 implements MigrationInterface {
  name = 'FundYearsAndCosts1764710000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`ALTER TABLE "${s}"."ledger_movements" ADD COLUMN "fund_year" int`);
    await q.query(
      `UPDATE "${s}"."ledger_movements" SET "fund_year" = extract(year FROM "posted_at" AT TIME ZONE 'UTC')::int`,
    );
    await q.query(`ALTER TABLE "${s}"."ledger_movements" ALTER COLUMN "fund_year" SET NOT NULL`);
    await q.query(
      `CREATE INDEX "ledger_movements_by_fund_year" ON "${s}"."ledger_movements" ("fund_code", "pocket_code", "fund_year")`,
    );
    await q.query(`
      CREATE TABLE "${s}"."funded_years" (
        "fund_code" text NOT NULL,
        "year" int NOT NULL,
        "funding_id" uuid NOT NULL,
        PRIMARY KEY ("fund_code", "year")
      )`);
    await q.query(`
      CREATE TABLE "${s}"."fund_costs" (
        "cost_id" uuid PRIMARY KEY,
        "fund_code" text NOT NULL,
        "pocket_code" text NOT NULL,
        "kind" text NOT NULL,
        "amount_minor" bigint NOT NULL,
        "incurred_on" date NOT NULL,
        "description" text NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        "sequence" bigserial
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP TABLE "${s}"."fund_costs"`);
    await q.query(`DROP TABLE "${s}"."funded_years"`);
    await q.query(`ALTER TABLE "${s}"."ledger_movements" DROP COLUMN "fund_year"`);
  }
}
