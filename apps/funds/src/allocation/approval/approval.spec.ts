import { Money } from '@fundline/money';
import { approvalCandidate, approveAllocation } from '../../../../../test/support/approvals';
import { violationOf } from '../../../../../test/support/domain-errors';

/**
 * The rules an approval of a pooled fund checks in the allocation aggregate (they sat in the decision handler before,
 * untested): each with an approval it lets through and one it refuses.
 */
const usd = (amount: string) => Money.parse(amount, 'USD');
const now = new Date('2026-11-22T10:00:00Z');
const programme = approvalCandidate({
  fund: 'MIGRATION_MPTF',
  thematicArea: 4,
  scope: 'regional',
  countries: ['MEX', 'GTM'],
  requested: usd('1500000.00'),
});
const shares = (...split: Array<[string, string]>) =>
  split.map(([organisation, amount]) => ({ organisation, amount: usd(amount) }));
const split = shares(['IOM', '1000000.00'], ['ILO', '500000.00']);

describe('approval of a Migration MPTF programme', () => {
  it('M9 draws on the programme’s own thematic window or the unearmarked pool, and refuses another window', () => {
    const fromWindow = approveAllocation(
      programme,
      usd('1500000.00'),
      { now },
      { pocketCode: 'THEMATIC_4', shares: split },
    );
    expect(fromWindow.allocation.state.pocketCode).toBe('THEMATIC_4');
    expect(fromWindow.commitment.lines.map((l) => l.accountId)).toEqual([
      'MIGRATION_MPTF:THEMATIC_4:available',
      'MIGRATION_MPTF:THEMATIC_4:committed',
    ]);
    const byDefault = approveAllocation(programme, usd('1500000.00'), { now }, { shares: split });
    expect(byDefault.allocation.state.pocketCode).toBe('UNEARMARKED');
    expect(
      violationOf(() =>
        approveAllocation(programme, usd('1500000.00'), { now }, { pocketCode: 'THEMATIC_2', shares: split }),
      ),
    ).toMatchObject({ code: 'ALLOCATION.EARMARK', rules: ['M9'], fields: ['pocketCode'] });
  });

  it('M10 shares the approved amount among the participating organisations to the cent, one share each', () => {
    const approved = approveAllocation(programme, usd('1500000.00'), { now }, { shares: split });
    expect(approved.allocation.state.shares.map((s) => [s.organisation, s.approvedMinor])).toEqual([
      ['IOM', 1_000_000_00n],
      ['ILO', 500_000_00n],
    ]);
    const refused = (terms: ReturnType<typeof shares>) =>
      violationOf(() => approveAllocation(programme, usd('1500000.00'), { now }, { shares: terms }));
    expect(refused(shares(['IOM', '1000000.00'], ['ILO', '499999.99']))).toMatchObject({
      code: 'ALLOCATION.SHARES',
      rules: ['M10'],
      fields: ['shares'],
    });
    expect(refused(shares(['IOM', '1000000.00'], ['IOM', '500000.00']))).toMatchObject({ code: 'ALLOCATION.SHARES' });
    expect(refused([])).toMatchObject({ code: 'ALLOCATION.SHARES' });
  });

  it('M8 approves up to the amount requested and refuses a cent more, or an approval without an amount', () => {
    expect(
      approveAllocation(programme, usd('1500000.00'), { now }, { shares: split }).commitment.lines[0].amountMinor,
    ).toBe(1_500_000_00n);
    expect(
      violationOf(() =>
        approveAllocation(programme, usd('1500000.01'), { now }, { shares: shares(['IOM', '1500000.01']) }),
      ),
    ).toMatchObject({ code: 'ALLOCATION.NOT_APPROVABLE', rules: ['M8'], fields: ['amount'] });
    expect(violationOf(() => approveAllocation(programme, usd('1.00'), { now }, { amount: undefined }))).toMatchObject({
      code: 'ALLOCATION.AMOUNT',
      rules: ['M8'],
    });
  });

  it('M11 owes the programme’s reports from its dates, two years from the approval day by default', () => {
    const { allocation, obligations } = approveAllocation(programme, usd('1500000.00'), { now }, { shares: split });
    expect([allocation.state.startDate, allocation.state.endDate]).toEqual(['2026-11-22', '2028-11-22']);
    expect(obligations.map((o) => o.kind)).toContain('annual-expenditure-2028');
  });
});
