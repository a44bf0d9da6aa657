import { MIGRATION_MPTF } from '@fundline/domain';
import { bearer } from '@fundline/testing';
import request from 'supertest';
import { fundlineForThisFile } from '../support/fundline-system';
import { aDonor, deposit, financePost, usd } from '../support/money-requests';
import { registeredForThisFile, TEST_POOLED_FUND } from '../support/test-funds';

/** A third pooled fund, defined only in test code: the funds service must open it from its policy alone. */
registeredForThisFile(TEST_POOLED_FUND);

interface ListedFund {
  code: string;
  name: string;
  status: string;
  feeBasisPoints: number;
  years: number[];
  pockets: Array<{ code: string; kind: string; thematicArea: number | null }>;
}

describe('funds registered in code exist in the database', () => {
  const context = fundlineForThisFile();
  const funds = () => context.system.http('funds');

  async function listed(code: string): Promise<ListedFund> {
    const res = await request(funds()).get('/funds').set(bearer('fund-admin')).expect(200);
    return (res.body as ListedFund[]).find((f) => f.code === code)!;
  }

  async function rows(sql: string, params: unknown[] = []) {
    return (await context.db.query(sql, params)).rows as Array<Record<string, unknown>>;
  }

  const accountsOf = (fundCode: string) =>
    rows(
      `SELECT id, pocket_code, kind, normal_side, currency, non_negative, balance_minor FROM funds.ledger_accounts
       WHERE fund_code = $1 ORDER BY pocket_code, kind`,
      [fundCode],
    );

  it('opens a fund registered only in code: the fund, its pockets, their ledger accounts and its current year', async () => {
    const fund = await listed(TEST_POOLED_FUND.code);
    expect(fund).toMatchObject({
      name: 'Test pooled fund',
      status: 'open',
      feeBasisPoints: TEST_POOLED_FUND.feeBasisPoints,
      years: [context.system.clock.now().getUTCFullYear()],
    });
    const pockets = TEST_POOLED_FUND.pockets.map(({ code, name, kind, thematicArea }) => ({
      code,
      name,
      kind,
      thematicArea,
    }));
    expect(fund.pockets).toEqual(pockets.sort((a, b) => a.code.localeCompare(b.code)));
    // The same accounts, account for account, as the migrations gave the Migration MPTF.
    const own = await accountsOf(TEST_POOLED_FUND.code);
    const seeded = await accountsOf(MIGRATION_MPTF.code);
    expect(own.map((a) => ({ ...a, id: String(a.id).replace(TEST_POOLED_FUND.code, MIGRATION_MPTF.code) }))).toEqual(
      seeded.map((a) => ({ ...a, balance_minor: '0' })),
    );
  });

  it('M9 receives a deposit into the registered fund, its policy’s fee taken on receipt', async () => {
    const donorId = await aDonor(funds());
    const res = await deposit(funds(), donorId, {
      fundCode: TEST_POOLED_FUND.code,
      pocketCode: 'THEMATIC_3',
      amount: usd('250000.00'),
    });
    expect(res.body).toMatchObject({
      fundCode: TEST_POOLED_FUND.code,
      fee: usd('2500.00'),
      feeBasisPoints: 100,
      pocketAvailable: usd('247500.00'),
    });
    const balances = await request(funds())
      .get(`/funds/${TEST_POOLED_FUND.code}/balances`)
      .set(bearer('finance-officer'))
      .expect(200);
    expect(balances.body.find((p: { pocketCode: string }) => p.pocketCode === 'THEMATIC_3')).toMatchObject({
      available: '247500.00',
    });
    const reconciliation = await request(funds()).get('/ledger/reconciliation').set(bearer('finance-officer'));
    expect(reconciliation.body.ok).toBe(true);
  });

  it('F2 answers credit-line funding of a fund without credit lines with a 404, and of an unknown fund too', async () => {
    const funding = {
      year: 2026,
      line1AnnualAllocation: usd('1400000.00'),
      discretionaryIncome: usd('30000000.00'),
      miscellaneousIncome: usd('10000000.00'),
      directVoluntaryContributions: usd('0.00'),
    };
    for (const [fundCode, code] of [
      [TEST_POOLED_FUND.code, 'LINE_FUNDING.NO_CREDIT_LINES'],
      ['NO_SUCH_FUND', 'FUND.UNKNOWN'],
    ]) {
      const res = await financePost(funds(), `/funds/${fundCode}/credit-line-funding`, funding).expect(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe(code);
    }
    expect((await rows('SELECT 1 FROM funds.line_fundings')).length).toBe(0);
  });

  it('opens each fund once: a restart adds nothing and leaves a closed fund closed', async () => {
    await request(funds()).post(`/funds/${TEST_POOLED_FUND.code}/close`).set(bearer('fund-admin')).expect(200);
    const before = await accountsOf(TEST_POOLED_FUND.code);
    await context.system.stopService('funds');
    await context.system.startService('funds');
    expect(await accountsOf(TEST_POOLED_FUND.code)).toEqual(before);
    expect(await listed(TEST_POOLED_FUND.code)).toMatchObject({
      status: 'closed',
      years: [context.system.clock.now().getUTCFullYear()],
    });
  });
});
