import { randomUUID } from 'node:crypto';
import { bearer, connect } from '@fundline/testing';
import { Client } from 'pg';
import request from 'supertest';
import { aDeposit, aDonor, financePost } from '../support/money-requests';
import { FundlineSystem } from '../support/fundline-system';

interface PocketBalances {
  pocketCode: string;
  available: string;
  accounts: Record<string, string>;
}

describe('treasury: contributions, credit-line funding and the ledger', () => {
  let system: FundlineSystem;
  let db: Client;
  let donorId: string;
  const funds = () => system.http('funds');

  beforeAll(async () => {
    system = await FundlineSystem.start();
    db = await connect(system.db.url);
    donorId = await aDonor(funds());
  });

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  async function pocket(fundCode: string, pocketCode: string): Promise<PocketBalances> {
    const res = await request(funds()).get(`/funds/${fundCode}/balances`).set(bearer('finance-officer')).expect(200);
    return (res.body as PocketBalances[]).find((p) => p.pocketCode === pocketCode)!;
  }

  async function count(table: string): Promise<number> {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM funds.${table}`);
    return rows[0].n as number;
  }

  async function expectReconciled() {
    const res = await request(funds()).get('/ledger/reconciliation').set(bearer('finance-officer')).expect(200);
    expect(res.body).toMatchObject({
      ok: true,
      accountDifferences: [],
      unbalancedEntries: [],
      pocketDifferences: [],
    });
  }

  it('G1 records a EUR deposit with its original amount and its USD equivalent at the given rate', async () => {
    const res = await financePost(
      funds(),
      '/contributions/deposits',
      aDeposit(donorId, {
        pocketCode: 'THEMATIC_2',
        amount: { amount: '1000000.00', currency: 'EUR' },
        usdRate: '1.0850',
      }),
    ).expect(201);
    expect(res.body).toMatchObject({
      original: { amount: '1000000.00', currency: 'EUR' },
      usdRate: '1.0850',
      usd: { amount: '1085000.00', currency: 'USD' },
    });
    const { rows } = await db.query(
      'SELECT original_minor, original_currency, usd_minor FROM funds.deposits WHERE id = $1',
      [res.body.id],
    );
    expect(rows[0]).toEqual({ original_minor: '100000000', original_currency: 'EUR', usd_minor: '108500000' });
  });

  it('M9 takes the 1% Administrative Agent fee on receipt and makes the rest available', async () => {
    const before = await pocket('MIGRATION_MPTF', 'UNEARMARKED');
    const res = await financePost(
      funds(),
      '/contributions/deposits',
      aDeposit(donorId, { amount: { amount: '250000.00', currency: 'USD' } }),
    ).expect(201);
    expect(res.body.fee).toEqual({ amount: '2500.00', currency: 'USD' });
    const after = await pocket('MIGRATION_MPTF', 'UNEARMARKED');
    const delta = (k: string) => Math.round((Number(after.accounts[k]) - Number(before.accounts[k])) * 100);
    expect(delta('available')).toBe(24_750_000);
    expect(delta('fees')).toBe(250_000);
    expect(delta('contributions')).toBe(25_000_000);
  });

  it('M9 keeps earmarked money in its thematic window, out of every other', async () => {
    const other = await pocket('MIGRATION_MPTF', 'THEMATIC_3');
    await financePost(
      funds(),
      '/contributions/deposits',
      aDeposit(donorId, { pocketCode: 'THEMATIC_4', amount: { amount: '500000.00', currency: 'USD' } }),
    ).expect(201);
    expect((await pocket('MIGRATION_MPTF', 'THEMATIC_4')).available).toBe('495000.00');
    expect((await pocket('MIGRATION_MPTF', 'THEMATIC_3')).available).toBe(other.available);
  });

  it('M9 records a commitment whose schedule adds up to it, and refuses one that does not', async () => {
    const commitment = {
      donorId,
      fundCode: 'MIGRATION_MPTF',
      pocketCode: 'THEMATIC_1',
      amount: { amount: '3000000.00', currency: 'EUR' },
      schedule: [
        { dueDate: '2027-01-31', amount: { amount: '1000000.00', currency: 'EUR' } },
        { dueDate: '2028-01-31', amount: { amount: '2000000.00', currency: 'EUR' } },
      ],
      signedOn: '2026-11-01',
    };
    const entriesBefore = await count('journal_entries');
    const created = await financePost(funds(), '/contributions/commitments', commitment).expect(201);
    expect(created.body.schedule).toHaveLength(2);
    expect(await count('journal_entries')).toBe(entriesBefore);

    const bad = await financePost(funds(), '/contributions/commitments', {
      ...commitment,
      schedule: [{ dueDate: '2027-01-31', amount: { amount: '1000000.00', currency: 'EUR' } }],
    }).expect(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'schedule', rule: 'M9', limit: '3000000.00' });

    const elsewhere = await financePost(
      funds(),
      '/contributions/deposits',
      aDeposit(donorId, {
        commitmentId: created.body.id,
        pocketCode: 'THEMATIC_2',
        amount: { amount: '10.00', currency: 'EUR' },
        usdRate: '1.08',
      }),
    ).expect(422);
    expect(elsewhere.body.code).toBe('DEPOSIT.NOT_AS_COMMITTED');
  });

  describe('F9 funding the two Fund 1035 credit lines', () => {
    const funding = (year: number, miscellaneousIncome: string) => ({
      year,
      line1AnnualAllocation: { amount: '1400000.00', currency: 'USD' },
      discretionaryIncome: { amount: '30000000.00', currency: 'USD' },
      miscellaneousIncome: { amount: miscellaneousIncome, currency: 'USD' },
      directVoluntaryContributions: { amount: '100000.00', currency: 'USD' },
    });

    it('F9 funds Line 2 with 25% above the estimate when the cap is not hit, and shows each step', async () => {
      const res = await financePost(
        funds(),
        '/funds/FUND_1035/credit-line-funding',
        funding(2026, '10000000.00'),
      ).expect(201);
      expect(res.body.line1).toEqual({ amount: '1400000.00', currency: 'USD' });
      expect(res.body.line2).toEqual({ amount: '2475000.00', currency: 'USD' });
      expect(res.body.steps).toHaveLength(6);
      expect(res.body.steps[1]).toMatchObject({ step: 'Line 2 share of the excess', result: { amount: '2375000.00' } });
      const { rows } = await db.query('SELECT steps FROM funds.line_fundings WHERE id = $1', [res.body.id]);
      expect(rows[0].steps).toEqual(res.body.steps);
    });

    it('F9 caps the funding at miscellaneous income when the cap is hit', async () => {
      await request(funds()).post('/funds/FUND_1035/years').set(bearer('fund-admin')).send({ year: 2027 }).expect(201);
      const res = await financePost(
        funds(),
        '/funds/FUND_1035/credit-line-funding',
        funding(2027, '2000000.00'),
      ).expect(201);
      expect(res.body.line1.amount).toBe('1400000.00');
      expect(res.body.line2.amount).toBe('700000.00');
    });

    it('F9 refuses a second funding of the same year', async () => {
      const res = await financePost(
        funds(),
        '/funds/FUND_1035/credit-line-funding',
        funding(2026, '10000000.00'),
      ).expect(409);
      expect(res.body.code).toBe('LINE_FUNDING.ALREADY_RECORDED');
    });

    it('F2 never shows Line 1 money in a Line 2 balance', async () => {
      await financePost(
        funds(),
        '/contributions/deposits',
        aDeposit(donorId, {
          fundCode: 'FUND_1035',
          pocketCode: 'LINE_1',
          amount: { amount: '50000.00', currency: 'USD' },
        }),
      ).expect(201);
      const line1 = await pocket('FUND_1035', 'LINE_1');
      const line2 = await pocket('FUND_1035', 'LINE_2');
      expect(line1.available).toBe('2850000.00');
      expect(line2.available).toBe('3175000.00');
      const { rows } = await db.query(
        `SELECT DISTINCT l.account_id FROM funds.journal_lines l JOIN funds.journal_entries e ON e.id = l.entry_id
         WHERE e.reference_type = 'deposit' AND e.fund_code = 'FUND_1035'`,
      );
      expect(rows.every((r: { account_id: string }) => r.account_id.startsWith('FUND_1035:LINE_1:'))).toBe(true);
    });
  });

  describe('G2 the ledger', () => {
    it('G2 reconciles: every kept balance equals the sum of its lines, every entry balances', async () => {
      await expectReconciled();
      const entries = await request(funds())
        .get('/ledger/entries?fundCode=MIGRATION_MPTF')
        .set(bearer('finance-officer'))
        .expect(200);
      for (const entry of entries.body.items as Array<{ lines: Array<{ side: string; amount: { amount: string } }> }>) {
        const sum = (side: string) =>
          entry.lines.filter((l) => l.side === side).reduce((s, l) => s + BigInt(l.amount.amount.replace('.', '')), 0n);
        expect(sum('debit')).toBe(sum('credit'));
      }
    });

    it('G2 refuses to change or delete a posted entry: corrections are new entries', async () => {
      await expect(db.query(`UPDATE funds.journal_lines SET amount_minor = amount_minor + 1`)).rejects.toThrow(
        /append-only/,
      );
      await expect(db.query(`DELETE FROM funds.journal_entries`)).rejects.toThrow(/append-only/);
    });

    it('G2 refuses, in the database itself, an entry that does not balance', async () => {
      await db.query('BEGIN');
      try {
        const id = randomUUID();
        await db.query(
          `INSERT INTO funds.journal_entries (id, fund_code, type, currency, reference_type, reference_id, description,
             posted_at, actor_user_id, actor_role, correlation_id)
           VALUES ($1, 'FUND_1035', 'test', 'USD', 'test', 'x', 'unbalanced', now(), 'u', 'fund-admin', 'c')`,
          [id],
        );
        await db.query(
          `INSERT INTO funds.journal_lines (entry_id, account_id, side, amount_minor) VALUES ($1, 'FUND_1035:LINE_2:cash', 'debit', 100)`,
          [id],
        );
        await expect(db.query('COMMIT')).rejects.toThrow(/does not balance/);
      } finally {
        await db.query('ROLLBACK').catch(() => undefined);
      }
    });
  });

  describe('idempotency keys', () => {
    it('returns the first response for a replay and posts once, across a service restart', async () => {
      const key = randomUUID();
      const body = aDeposit(donorId, { amount: { amount: '1234.56', currency: 'USD' } });
      const first = await financePost(funds(), '/contributions/deposits', body, key).expect(201);
      const deposits = await count('deposits');
      const entries = await count('journal_entries');

      const replay = await financePost(funds(), '/contributions/deposits', body, key).expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);

      await system.stopService('funds');
      await system.startService('funds');
      const afterRestart = await financePost(funds(), '/contributions/deposits', body, key).expect(201);
      expect(afterRestart.body).toEqual(first.body);
      expect(await count('deposits')).toBe(deposits);
      expect(await count('journal_entries')).toBe(entries);
    });

    it('refuses the same key with a different body (422) and a request without a key (400)', async () => {
      const key = randomUUID();
      await financePost(funds(), '/contributions/deposits', aDeposit(donorId), key).expect(201);
      const reused = await financePost(
        funds(),
        '/contributions/deposits',
        aDeposit(donorId, { amount: { amount: '99.00', currency: 'USD' } }),
        key,
      ).expect(422);
      expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
      const missing = await request(funds())
        .post('/contributions/deposits')
        .set(bearer('finance-officer'))
        .send(aDeposit(donorId))
        .expect(400);
      expect(missing.body.errors[0]).toMatchObject({ field: 'Idempotency-Key' });
    });
  });

  describe('bad input posts nothing', () => {
    const cases: Array<[string, Record<string, unknown>, number, string]> = [
      ['a zero amount', { amount: { amount: '0.00', currency: 'USD' } }, 400, 'amount.amount'],
      ['a negative amount', { amount: { amount: '-5.00', currency: 'USD' } }, 400, 'amount.amount'],
      ['an unknown currency', { amount: { amount: '5.00', currency: 'XYZ' } }, 400, 'amount.currency'],
      ['more decimals than the currency has', { amount: { amount: '5.001', currency: 'USD' } }, 400, 'amount.amount'],
      ['a rate of zero', { amount: { amount: '5.00', currency: 'EUR' }, usdRate: '0.0000' }, 400, 'usdRate'],
      ['a negative rate', { amount: { amount: '5.00', currency: 'EUR' }, usdRate: '-1.1' }, 400, 'usdRate'],
      ['a USD deposit at a rate other than 1', { usdRate: '1.1' }, 422, 'usdRate'],
      ['an unknown pocket', { pocketCode: 'THEMATIC_9' }, 400, 'pocketCode'],
      ['an unknown donor', { donorId: randomUUID() }, 400, 'donorId'],
    ];

    it.each(cases)('M9 refuses %s', async (_, overrides, status, field) => {
      const entries = await count('journal_entries');
      const res = await financePost(funds(), '/contributions/deposits', aDeposit(donorId, overrides)).expect(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await count('journal_entries')).toBe(entries);
    });

    it('lets only a finance officer move money', async () => {
      for (const role of ['government', 'steering-committee', 'fund-admin'] as const) {
        await request(funds())
          .post('/contributions/deposits')
          .set(bearer(role, role === 'government' ? 'PHL' : undefined))
          .set('Idempotency-Key', randomUUID())
          .send(aDeposit(donorId))
          .expect(403);
      }
      await request(funds()).get('/funds/MIGRATION_MPTF/balances').set(bearer('government', 'PHL')).expect(403);
    });

    it('M9 refuses a deposit to a closed fund', async () => {
      await request(funds()).post('/funds/FUND_1035/close').set(bearer('fund-admin')).expect(200);
      const entries = await count('journal_entries');
      const res = await financePost(
        funds(),
        '/contributions/deposits',
        aDeposit(donorId, { fundCode: 'FUND_1035', pocketCode: 'LINE_2' }),
      ).expect(422);
      expect(res.body.code).toBe('FUND.CLOSED');
      expect(await count('journal_entries')).toBe(entries);
      await expectReconciled();
    });
  });
});
