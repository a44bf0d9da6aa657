import fc from 'fast-check';
import { Money, MoneyFormatError } from './money';
import { divideRoundHalfUp, ExchangeRate, shareOf } from './rate';

describe('exchange rates and shares', () => {
  it('G1 converts EUR 1,000,000.00 at 1.0850 to exactly USD 1,085,000.00', () => {
    const usd = ExchangeRate.parse('1.0850').convert(Money.parse('1000000.00', 'EUR'), 'USD');
    expect(usd.toDecimalString()).toBe('1085000.00');
    expect(usd.currency).toBe('USD');
  });

  it('G1 rounds a converted amount once, half up, to the cent', () => {
    expect(ExchangeRate.parse('1.005').convert(Money.parse('1.00', 'EUR'), 'USD').toDecimalString()).toBe('1.01');
    expect(ExchangeRate.parse('1.0049').convert(Money.parse('1.00', 'EUR'), 'USD').toDecimalString()).toBe('1.00');
    expect(ExchangeRate.parse('0.0067').convert(Money.parse('1000000', 'JPY'), 'USD').toDecimalString()).toBe(
      '6700.00',
    );
  });

  it.each(['0', '0.0000', '-1.2', '1e3', 'abc', '1.1234567890123'])('G1 refuses the rate %p', (rate) => {
    expect(() => ExchangeRate.parse(rate)).toThrow(MoneyFormatError);
  });

  it('M9 takes a 1% fee (100 bp) rounded half up to the cent', () => {
    expect(shareOf(Money.parse('1085000.00', 'USD'), 100).toDecimalString()).toBe('10850.00');
    expect(shareOf(Money.parse('0.50', 'USD'), 100).toDecimalString()).toBe('0.01');
    expect(shareOf(Money.parse('0.49', 'USD'), 100).toDecimalString()).toBe('0.00');
  });

  it('G1 half-up division matches the exact rational result within half a unit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (n, d) => {
          const q = divideRoundHalfUp(n, d);
          const remainder2 = 2n * (n - q * d);
          expect(remainder2 <= d && remainder2 >= -d).toBe(true);
        },
      ),
    );
  });
});
