import { Money } from '@fundline/money';
import { violationOf } from '../../../../test/support/domain-errors';
import { submitted } from '../allocation/obligations/obligation.rules';
import { assertOpenForMoney, assertReportingCurrency } from './fund.rules';

describe('rules every movement of money and every report owed respects', () => {
  it('M9 takes money into an open fund and refuses it once the fund is closed', () => {
    expect(() => assertOpenForMoney({ code: 'MIGRATION_MPTF', status: 'open' })).not.toThrow();
    expect(violationOf(() => assertOpenForMoney({ code: 'MIGRATION_MPTF', status: 'closed' }))).toMatchObject({
      code: 'FUND.CLOSED',
      rules: ['M9'],
      fields: ['fundCode'],
    });
  });

  it('G1 records income and costs in the fund’s reporting currency only, naming the movement refused', () => {
    const fund = { reportingCurrency: 'USD' };
    expect(() => assertReportingCurrency(fund, Money.parse('10.00', 'USD'), 'INCOME')).not.toThrow();
    expect(violationOf(() => assertReportingCurrency(fund, Money.parse('10.00', 'EUR'), 'FUND_COST'))).toMatchObject({
      code: 'FUND_COST.CURRENCY',
      rules: ['G1'],
      fields: ['amount.currency'],
    });
  });

  it('F12 records a report owed as submitted once, and refuses a second submission', () => {
    const owed = { id: 'o1', kind: 'final-narrative-report', submittedOn: null };
    const done = submitted(owed, '2027-01-10');
    expect(done).toEqual({ ...owed, submittedOn: '2027-01-10' });
    expect(violationOf(() => submitted(done, '2027-02-01'))).toMatchObject({
      code: 'OBLIGATION.SUBMITTED',
      kind: 'conflict',
    });
  });
});
