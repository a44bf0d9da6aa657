import { randomUUID } from 'node:crypto';
import { bearer } from '@fundline/testing';
import request from 'supertest';
import { DecisionSteps } from '../support/decision-steps';
import { FundlineSystem } from '../support/fundline-system';
import { aDonor, allocationStep, deposit, financePost, interestIncome, usd } from '../support/money-requests';
import { fundStatusOnceReady } from '../support/read-model';

const COSTS = '/funds/MIGRATION_MPTF/pockets/UNEARMARKED/costs';
const aCost = (kind: string, amount: object, overrides: object = {}) => ({
  kind,
  amount,
  incurredOn: '2026-11-21',
  description: kind === 'direct-cost' ? 'Steering committee meeting, Geneva' : 'Wire fees, November',
  ...overrides,
});

/**
 * The Migration MPTF's uses, all of them, by hand:
 * sources  USD 1,000,000.00 unearmarked + USD 200,000.00 to THEMATIC_2 = 1,200,000.00 contributions; interest 5,000.00
 * uses     transfers 60,000.00 (ILO) + 20,000.00 (IOM) = 80,000.00; refund at closure (60,000 − 50,000 spent by ILO,
 *          IOM spent all) = −10,000.00; fee 1% = 12,000.00; direct cost 12,345.67; bank charges 25.50 + 10.00 = 35.50
 *          total 80,000.00 − 10,000.00 + 12,000.00 + 12,345.67 + 35.50 = 94,381.17
 * balance  1,205,000.00 − 94,381.17 = 1,110,618.83
 */
describe('M13 fund status: every use, recorded and reported', () => {
  let system: FundlineSystem;
  const funds = () => system.http('funds');

  const reconciliation = async () =>
    (await request(funds()).get('/ledger/reconciliation').set(bearer('finance-officer')).expect(200)).body;
  const balances = async () =>
    (await request(funds()).get('/funds/MIGRATION_MPTF/balances').set(bearer('finance-officer')).expect(200))
      .body as Array<{ pocketCode: string; available: string; accounts: Record<string, string> }>;

  beforeAll(async () => {
    system = await FundlineSystem.start();
    const donor = await aDonor(funds(), 'Government of Germany');
    await deposit(funds(), donor, { amount: usd('1000000.00') });
    await deposit(funds(), donor, { pocketCode: 'THEMATIC_2', amount: usd('200000.00') });
    await interestIncome(funds(), '5000.00', '2026-11-20');
    const allocation = await new DecisionSteps(system).approvedConceptNote('UNEARMARKED', '100000.00', {
      ILO: '60000.00',
      IOM: '40000.00',
    });
    for (const [path, body] of [
      ['transfers', { organisation: 'ILO', amount: usd('60000.00'), transferDate: '2026-11-21' }],
      ['transfers', { organisation: 'IOM', amount: usd('20000.00'), transferDate: '2026-11-21' }],
      ['expenditures', { organisation: 'ILO', year: 2026, amount: usd('50000.00') }],
      ['expenditures', { organisation: 'IOM', year: 2026, amount: usd('20000.00') }],
      ['close', { finalReportsReceivedOn: '2026-11-22' }],
    ] as const) {
      await allocationStep(funds(), allocation, path, body);
    }
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('M13 records a direct cost and bank charges out of available money, double-entry, once per Idempotency-Key', async () => {
    const before = await balances();
    const direct = await financePost(funds(), COSTS, aCost('direct-cost', usd('12345.67'))).expect(201);
    expect(direct.body).toMatchObject({
      fundCode: 'MIGRATION_MPTF',
      pocketCode: 'UNEARMARKED',
      kind: 'direct-cost',
      amount: usd('12345.67'),
      incurredOn: '2026-11-21',
    });
    const key = randomUUID();
    const charge = await financePost(funds(), COSTS, aCost('bank-charge', usd('25.50')), key).expect(201);
    const replay = await financePost(funds(), COSTS, aCost('bank-charge', usd('25.50')), key).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(charge.body);
    await financePost(
      funds(),
      '/funds/MIGRATION_MPTF/pockets/THEMATIC_2/costs',
      aCost('bank-charge', usd('10.00')),
    ).expect(201);

    const after = await balances();
    const pocket = (list: typeof before, code: string) => list.find((p) => p.pocketCode === code)!;
    const unearmarked = pocket(after, 'UNEARMARKED');
    expect(unearmarked.accounts).toMatchObject({ directCosts: '12345.67', bankCharges: '25.50' });
    // 1,000,000.00 − 10,000.00 fee + 5,000.00 interest − 100,000.00 approved + 20,000.00 released + 10,000.00 refunded.
    expect(pocket(before, 'UNEARMARKED').available).toBe('925000.00');
    expect(unearmarked.available).toBe('912628.83');
    expect(pocket(after, 'THEMATIC_2')).toMatchObject({ available: '197990.00' });
    expect(pocket(after, 'THEMATIC_2').accounts).toMatchObject({ bankCharges: '10.00', directCosts: '0.00' });

    const journal = await request(funds()).get('/ledger/entries?limit=3').set(bearer('finance-officer')).expect(200);
    const entry = (
      journal.body.items as Array<{ id: string; type: string; lines: Array<Record<string, string>> }>
    ).find((e) => e.id === direct.body.entryId)!;
    expect(entry.type).toBe('cost.direct-cost');
    expect(entry.lines).toHaveLength(4);
    expect((await reconciliation()).ok).toBe(true);
  });

  it('M13 lists every use (transfers, refunds as a negative, the fee, direct costs, bank charges) and a balance that reconciles with the ledger', async () => {
    const body = await fundStatusOnceReady(
      system,
      (s) => s.uses.bankCharges === '35.50' && s.uses.refunds === '-10000.00',
    );
    expect({ sources: body.sources, uses: body.uses }).toEqual({
      sources: { contributions: '1200000.00', interestIncome: '5000.00', otherIncome: '0.00', total: '1205000.00' },
      uses: {
        transfers: '80000.00',
        refunds: '-10000.00',
        administrativeAgentFee: '12000.00',
        directCosts: '12345.67',
        bankCharges: '35.50',
        total: '94381.17',
      },
    });
    expect(body.balance).toBe('1110618.83');
    expect(body.cashCheck).toBe('1110618.83');
    expect(body.costs).toEqual([
      {
        kind: 'direct-cost',
        pocketCode: 'UNEARMARKED',
        incurredOn: '2026-11-21',
        description: 'Steering committee meeting, Geneva',
        amount: '12345.67',
      },
      {
        kind: 'bank-charge',
        pocketCode: 'UNEARMARKED',
        incurredOn: '2026-11-21',
        description: 'Wire fees, November',
        amount: '25.50',
      },
      {
        kind: 'bank-charge',
        pocketCode: 'THEMATIC_2',
        incurredOn: '2026-11-21',
        description: 'Wire fees, November',
        amount: '10.00',
      },
    ]);
    // The balance is the ledger's: the cash of every pocket of the fund, and the ledger reconciles.
    const cash = (await balances()).reduce((sum, p) => sum + BigInt(p.accounts.cash.replace('.', '')), 0n);
    expect(cash).toBe(111061883n);
    expect((await reconciliation()).ok).toBe(true);
  });

  it.each([
    ['a negative amount', COSTS, aCost('bank-charge', usd('-5.00')), 400, 'amount.amount'],
    ['a zero amount', COSTS, aCost('direct-cost', usd('0.00')), 400, 'amount.amount'],
    ['no amount', COSTS, { ...aCost('direct-cost', usd('1.00')), amount: undefined }, 400, 'amount'],
    ['an unknown kind', COSTS, aCost('travel', usd('1.00')), 400, 'kind'],
    [
      'a currency other than the fund’s',
      COSTS,
      aCost('bank-charge', { amount: '5.00', currency: 'EUR' }),
      422,
      'amount.currency',
    ],
    [
      'more than is available',
      '/funds/MIGRATION_MPTF/pockets/THEMATIC_2/costs',
      aCost('bank-charge', usd('197990.01')),
      422,
      'amount',
    ],
    [
      'a direct cost charged to earmarked money',
      '/funds/MIGRATION_MPTF/pockets/THEMATIC_2/costs',
      aCost('direct-cost', usd('1.00')),
      422,
      'pocketCode',
    ],
  ])('M13 refuses %s with problem+json and writes nothing', async (_what, path, body, status, field) => {
    const before = await reconciliation();
    const pockets = await balances();
    const res = await financePost(funds(), path, body).expect(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const after = await reconciliation();
    expect(after.entriesChecked).toBe(before.entriesChecked);
    expect(after.ok).toBe(true);
    expect(await balances()).toEqual(pockets);
  });

  it('M13 lets only a finance officer record a cost, and only with an Idempotency-Key', async () => {
    await request(funds())
      .post(COSTS)
      .set(bearer('fund-admin'))
      .set('Idempotency-Key', randomUUID())
      .send(aCost('bank-charge', usd('1.00')))
      .expect(403);
    await request(funds())
      .post(COSTS)
      .set(bearer('finance-officer'))
      .send(aCost('bank-charge', usd('1.00')))
      .expect(400);
  });
});
