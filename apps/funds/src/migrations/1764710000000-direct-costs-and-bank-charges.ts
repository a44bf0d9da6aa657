import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * M13 uses: every pocket gets a direct-costs and a bank-charges account. The first ledger migration creates one account
 * per kind of the chart as it stands when it runs, so a fresh database already has them: only the missing are added.
 */
export class DirectCostsAndBankCharges1764710000000 implements MigrationInterface {
  name = 'DirectCostsAndBankCharges1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO "funds"."ledger_accounts" ("id", "fund_code", "pocket_code", "kind", "normal_side", "currency", "non_negative")
       SELECT p.fund_code || ':' || p.code || ':' || k.kind, p.fund_code, p.code, k.kind, 'debit', f.reporting_currency, true
       FROM "funds"."pockets" p JOIN "funds"."funds" f ON f.code = p.fund_code
       CROSS JOIN unnest(ARRAY['directCosts', 'bankCharges']) AS k(kind)
       ON CONFLICT ("id") DO NOTHING`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM "funds"."ledger_accounts" WHERE kind IN ('directCosts', 'bankCharges') AND balance_minor = 0
         AND NOT EXISTS (SELECT 1 FROM "funds"."journal_lines" l WHERE l.account_id = "ledger_accounts".id)`,
    );
  }
}
