import { FUND_1035, MIGRATION_MPTF } from '@fundline/domain';
import { Money } from '@fundline/money';
import { FundingYear, LineFunding, LineFundingInputs } from './line-funding.aggregate';

const usd = (amount: string) => Money.parse(amount, 'USD');
const openYear: FundingYear = { year: 2026, isOpen: true, isFunded: false };

function inputs(overrides: Partial<LineFundingInputs> = {}): LineFundingInputs {
  return {
    line1AnnualAllocation: usd('1400000.00'),
    discretionaryIncome: usd('30000000.00'),
    miscellaneousIncome: usd('10000000.00'),
    directVoluntaryContributions: usd('0.00'),
    ...overrides,
  };
}

describe('LineFunding', () => {
  it('F2 posts each line into its own credit-line pocket', () => {
    const funding = LineFunding.compute('funding-1', FUND_1035, openYear, inputs());
    const pockets = funding.journalEntries().map((e) => new Set(e.lines.map((l) => l.accountId.split(':')[1])));
    expect(pockets).toEqual([new Set(['LINE_1']), new Set(['LINE_2'])]);
    expect(funding.journalEntries().map((e) => e.input.description)).toEqual([
      'Line 1 funding for 2026 (F9)',
      'Line 2 funding for 2026 (F9)',
    ]);
  });

  it('F9 posts nothing for a line that receives nothing', () => {
    const funding = LineFunding.compute('funding-1', FUND_1035, openYear, inputs({ discretionaryIncome: usd('0.00') }));
    expect(funding.computed.line2.isPositive()).toBe(false);
    expect(funding.journalEntries()).toHaveLength(1);
  });

  it('F2 refuses to fund by line a fund whose policy has no credit lines (404)', () => {
    expect(() => LineFunding.compute('funding-1', MIGRATION_MPTF, openYear, inputs())).toThrow(
      expect.objectContaining({ code: 'LINE_FUNDING.NO_CREDIT_LINES', kind: 'not-found' }),
    );
  });

  it('F9 refuses a year that is not open, and a year already funded', () => {
    expect(() => LineFunding.compute('f', FUND_1035, { ...openYear, isOpen: false }, inputs())).toThrow(
      expect.objectContaining({ code: 'LINE_FUNDING.YEAR_NOT_OPEN' }),
    );
    expect(() => LineFunding.compute('f', FUND_1035, { ...openYear, isFunded: true }, inputs())).toThrow(
      expect.objectContaining({ code: 'LINE_FUNDING.ALREADY_RECORDED', kind: 'conflict' }),
    );
  });

  it('G1 refuses F9 amounts in another currency than USD', () => {
    const inEur = inputs({ miscellaneousIncome: Money.parse('10000000.00', 'EUR') });
    expect(() => LineFunding.compute('f', FUND_1035, openYear, inEur)).toThrow(
      expect.objectContaining({ code: 'LINE_FUNDING.CURRENCY' }),
    );
  });
});
