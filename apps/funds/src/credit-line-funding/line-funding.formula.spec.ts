import { Money } from '@fundline/money';
import { computeLineFunding, LineFundingInputs } from './line-funding.formula';

const usd = (amount: string) => Money.parse(amount, 'USD');

function inputs(overrides: Partial<LineFundingInputs> = {}): LineFundingInputs {
  return {
    line1AnnualAllocation: usd('1400000.00'),
    discretionaryIncome: usd('30000000.00'),
    discretionaryIncomeEstimate: usd('20500000.00'),
    line2ShareBasisPoints: 2500,
    miscellaneousIncome: usd('10000000.00'),
    directVoluntaryContributions: usd('0.00'),
    ...overrides,
  };
}

describe('F9 funding the Fund 1035 credit lines', () => {
  it('F9 gives Line 2 25% of discretionary income above USD 20.5 million when the cap is not hit', () => {
    const funding = computeLineFunding(inputs());
    expect(funding.line1.toDecimalString()).toBe('1400000.00');
    expect(funding.line2.toDecimalString()).toBe('2375000.00');
    expect(funding.steps.map((s) => [s.step, s.result.toDecimalString()])).toEqual([
      ['discretionary income above the estimate', '9500000.00'],
      ['Line 2 share of the excess', '2375000.00'],
      ['Line 1 annual allocation, within miscellaneous income', '1400000.00'],
      ['miscellaneous income left after Line 1', '8600000.00'],
      ['Line 2 from income, capped by what is left', '2375000.00'],
      ['Line 2 with direct voluntary contributions', '2375000.00'],
    ]);
  });

  it('F9 caps what is made available at total miscellaneous income when the cap is hit', () => {
    const funding = computeLineFunding(inputs({ miscellaneousIncome: usd('3000000.00') }));
    expect(funding.line1.toDecimalString()).toBe('1400000.00');
    expect(funding.line2.toDecimalString()).toBe('1600000.00');
    expect(funding.line1.plus(funding.line2).toDecimalString()).toBe('3000000.00');
  });

  it('F9 gives Line 2 nothing from income when discretionary income stays under the estimate', () => {
    const funding = computeLineFunding(inputs({ discretionaryIncome: usd('20000000.00') }));
    expect(funding.line2.toDecimalString()).toBe('0.00');
  });

  it('F9 adds direct voluntary contributions to Line 2 outside the cap', () => {
    const funding = computeLineFunding(
      inputs({ miscellaneousIncome: usd('1400000.00'), directVoluntaryContributions: usd('500000.00') }),
    );
    expect(funding.line1.toDecimalString()).toBe('1400000.00');
    expect(funding.line2.toDecimalString()).toBe('500000.00');
  });

  it('F9 never makes available more than miscellaneous income, even for Line 1', () => {
    const funding = computeLineFunding(inputs({ miscellaneousIncome: usd('1000000.00') }));
    expect(funding.line1.toDecimalString()).toBe('1000000.00');
    expect(funding.line2.toDecimalString()).toBe('0.00');
  });
});
