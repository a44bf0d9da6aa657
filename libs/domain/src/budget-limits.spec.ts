import {
  budgetLimitChecks,
  BudgetCategoryCounts,
  describeBudgetLimit,
  indirectSupportCheck,
  staffOfficeCheck,
} from './budget-limits';
import { FundParameters } from './fund-parameters';

const list = (entries: Array<[string, BudgetCategoryCounts]>) => new Map(entries.map(([c, counts]) => [c, { counts }]));
const MPTF = list([
  ['staff-and-other-personnel', 'direct'],
  ['travel', 'direct'],
  ['indirect-support-costs', 'indirect-support'],
]);
const F1035 = list([
  ['staff', 'staff-and-office'],
  ['office', 'staff-and-office'],
  ['operational', 'other'],
]);
const cents = (amount: string) => BigInt(amount.replace('.', ''));
const line = (category: string, amount: string, organisation = 'IOM') => ({
  organisation,
  category,
  amountMinor: cents(amount),
});
const PARAMETERS = FundParameters.of([
  ['mptf.indirect-support-cost.cap-basis-points', 700],
  ['f1035.staff-office.cap-basis-points', 3_000],
]);

describe('budget limits (issue 14)', () => {
  it('M4 passes indirect support costs of exactly 7% of direct costs, and refuses one cent more', () => {
    const direct = [line('staff-and-other-personnel', '600000.00'), line('travel', '400000.00')];
    const at = indirectSupportCheck('UNDP', [...direct, line('indirect-support-costs', '70000.00')], MPTF, 700);
    expect(at).toMatchObject({ rule: 'M4', organisation: 'UNDP', within: true, limitMinor: cents('70000.00') });
    const above = indirectSupportCheck('UNDP', [...direct, line('indirect-support-costs', '70000.01')], MPTF, 700);
    expect(above).toMatchObject({ within: false, countedMinor: cents('70000.01'), baseMinor: cents('1000000.00') });
    expect(describeBudgetLimit(above)).toBe(
      'UNDP: indirect-support-costs 70000.01 above 7% of direct costs 1000000.00 (limit 70000.00)',
    );
  });

  it('M4 rounds the limit half up to the cent, in integers', () => {
    // 7% of 0.50 is 0.035: the limit is 0.04, so 0.04 passes and 0.05 does not.
    const of = (indirect: string) =>
      indirectSupportCheck('ILO', [line('travel', '0.50'), line('indirect-support-costs', indirect)], MPTF, 700);
    expect(of('0.04')).toMatchObject({ limitMinor: 4n, within: true });
    expect(of('0.05').within).toBe(false);
  });

  it('M4 holds each organisation to its own direct costs, not to the whole budget', () => {
    const checks = budgetLimitChecks(
      'concept-note',
      [
        line('travel', '100000.00', 'ILO'),
        line('indirect-support-costs', '7000.00', 'ILO'),
        line('travel', '50000.00', 'IOM'),
        line('indirect-support-costs', '3500.01', 'IOM'),
      ],
      MPTF,
      PARAMETERS,
    );
    expect(checks.map((c) => [c.organisation, c.within, c.limitMinor])).toEqual([
      ['ILO', true, cents('7000.00')],
      ['IOM', false, cents('3500.00')],
    ]);
  });

  it('M4 counts a category the list does not name as nothing, and reads the cap in force', () => {
    const lines = [
      line('catering', '100000.00'),
      line('travel', '100000.00'),
      line('indirect-support-costs', '7000.00'),
    ];
    expect(budgetLimitChecks('concept-note', lines, MPTF, PARAMETERS)[0]).toMatchObject({
      baseMinor: cents('100000.00'),
      within: true,
    });
    const lowered = FundParameters.of([['mptf.indirect-support-cost.cap-basis-points', 600]]);
    expect(budgetLimitChecks('concept-note', lines, MPTF, lowered)[0]).toMatchObject({
      limitMinor: cents('6000.00'),
      within: false,
    });
  });

  it('F7 passes staff and office costs of exactly 30% of the total, and refuses one cent more', () => {
    const at = [line('operational', '140000.00'), line('staff', '40000.00'), line('office', '20000.00')];
    expect(staffOfficeCheck(at, cents('200000.00'), F1035, 3_000)).toMatchObject({
      rule: 'F7',
      organisation: null,
      within: true,
      limitMinor: cents('60000.00'),
    });
    const above = [line('operational', '139999.99'), line('staff', '40000.00'), line('office', '20000.01')];
    const check = budgetLimitChecks('project-proposal', above, F1035, PARAMETERS)[0];
    expect(check.within).toBe(false);
    expect(check.counted).toEqual([above[1], above[2]]);
    expect(describeBudgetLimit(check)).toBe(
      'staff and office costs 60000.01 (staff 40000.00, office 20000.01) above 30% of the total 200000.00 (limit 60000.00)',
    );
  });

  it('F7 without staff or office lines is within any cap', () => {
    const check = staffOfficeCheck([line('operational', '1000.00')], cents('1000.00'), F1035, 0);
    expect(check.within).toBe(true);
    expect(describeBudgetLimit(check)).toBe('staff and office costs 0.00 within 0% of the total 1000.00 (limit 0.00)');
  });
});
