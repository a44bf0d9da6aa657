import { Money } from '@fundline/money';
import { FundCost, FundCostInput } from './fund-cost.aggregate';

function aCost(overrides: Partial<FundCostInput> = {}): FundCostInput {
  return {
    id: 'cost-1',
    fundCode: 'ANY_FUND',
    pocket: { code: 'UNEARMARKED', kind: 'pool' },
    kind: 'direct-cost',
    amount: Money.parse('1200.00', 'USD'),
    incurredOn: '2026-11-30',
    description: 'Steering committee meeting',
    ...overrides,
  };
}

describe('FundCost', () => {
  it('M9 charges a direct cost to the unearmarked pool, out of its available money', () => {
    const lines = FundCost.record(aCost()).journalEntry().lines;
    expect(lines.map((l) => [l.accountId, l.side])).toEqual([
      ['ANY_FUND:UNEARMARKED:available', 'debit'],
      ['ANY_FUND:UNEARMARKED:cash', 'credit'],
      ['ANY_FUND:UNEARMARKED:directCosts', 'debit'],
      ['ANY_FUND:UNEARMARKED:control', 'credit'],
    ]);
  });

  it('M9 refuses a direct cost charged to a thematic window', () => {
    const cost = aCost({ pocket: { code: 'THEMATIC_2', kind: 'thematic-window' } });
    expect(() => FundCost.record(cost)).toThrow(expect.objectContaining({ code: 'FUND_COST.EARMARKED' }));
  });

  it('M13 lets a bank charge follow the thematic window that paid it', () => {
    const cost = aCost({ kind: 'bank-charge', pocket: { code: 'THEMATIC_2', kind: 'thematic-window' } });
    expect(
      FundCost.record(cost)
        .journalEntry()
        .lines.map((l) => l.accountId),
    ).toContain('ANY_FUND:THEMATIC_2:bankCharges');
  });
});
