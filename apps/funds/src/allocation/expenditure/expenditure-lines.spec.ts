import { DomainError } from '@fundline/domain';
import { NonNegativeMoneyDto } from '@fundline/http';
import { Money } from '@fundline/money';
import { plainToInstance } from 'class-transformer';
import { ExpenditureLineDto, expenditureLines } from './report-expenditure';

const line = (category: string, amount: string, currency = 'USD') =>
  plainToInstance(ExpenditureLineDto, { category, amount: plainToInstance(NonNegativeMoneyDto, { amount, currency }) });
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('expenditure by budget category (issue 14)', () => {
  const reported = Money.parse('1000.00', 'USD');

  it('M11 keeps lines that add up to the reported amount, to the cent', () => {
    expect(expenditureLines(reported, [line('travel', '250.01'), line('staff-and-personnel', '749.99')])).toEqual([
      { category: 'travel', amount: Money.parse('250.01', 'USD') },
      { category: 'staff-and-personnel', amount: Money.parse('749.99', 'USD') },
    ]);
    expect(expenditureLines(reported, [line('travel', '1000.00'), line('equipment', '0.00')])).toHaveLength(2);
  });

  it('M11 refuses lines one cent short or over, naming the field, the rule and the amount reported', () => {
    for (const lines of [[line('travel', '999.99')], [line('travel', '500.00'), line('equipment', '500.01')]]) {
      const error = refusal(() => expenditureLines(reported, lines));
      expect(error.code).toBe('EXPENDITURE.LINES');
      expect(error.violations).toEqual([expect.objectContaining({ field: 'lines', rule: 'M11', limit: '1000.00' })]);
    }
  });

  it('M11 refuses a category named twice, and a line in another currency', () => {
    expect(refusal(() => expenditureLines(reported, [line('travel', '500.00'), line('travel', '500.00')])).code).toBe(
      'EXPENDITURE.LINES',
    );
    expect(refusal(() => expenditureLines(reported, [line('travel', '1000.00', 'EUR')])).code).toBe(
      'EXPENDITURE.LINES',
    );
  });
});
