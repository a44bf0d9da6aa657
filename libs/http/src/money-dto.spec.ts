import { MoneyDto, NonNegativeMoneyDto } from './money-dto';
import { ProblemException } from './problems/problem';
import { fundlineValidationPipe } from './problems/validation';

async function blamed(metatype: typeof MoneyDto | typeof NonNegativeMoneyDto, body: object): Promise<string[]> {
  try {
    await fundlineValidationPipe().transform(body, { type: 'body', metatype });
    return [];
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return [...new Set(error.violations.map((v) => v.field!))].sort();
  }
}

describe('money at the API', () => {
  it.each([
    ['a wrong currency blames only the currency', { amount: '250000.00', currency: 'XXX' }, ['currency']],
    ['a lower-case currency blames only the currency', { amount: '250000.00', currency: 'usd' }, ['currency']],
    ['a missing currency blames only the currency', { amount: '250000.00' }, ['currency']],
    ['a null currency blames only the currency', { amount: '250000.00', currency: null }, ['currency']],
    ['a wrong amount blames only the amount', { amount: '2.5e5', currency: 'USD' }, ['amount']],
    ['too many decimals for the currency blame the amount', { amount: '100.5', currency: 'JPY' }, ['amount']],
    ['a number blames only the amount', { amount: 250000, currency: 'USD' }, ['amount']],
    ['both wrong blame both', { amount: 'lots', currency: 'XXX' }, ['amount', 'currency']],
    ['an amount no currency allows blames both', { amount: '1.001', currency: 'XXX' }, ['amount', 'currency']],
    ['a valid amount and currency blame nothing', { amount: '250000.00', currency: 'EUR' }, []],
  ])('G1 %s', async (_, body, fields) => {
    expect(await blamed(MoneyDto, body)).toEqual(fields);
  });

  it('G1 judges zero by the kind of money, not by the currency', async () => {
    expect(await blamed(MoneyDto, { amount: '0.00', currency: 'XXX' })).toEqual(['amount', 'currency']);
    expect(await blamed(NonNegativeMoneyDto, { amount: '0.00', currency: 'XXX' })).toEqual(['currency']);
  });
});
