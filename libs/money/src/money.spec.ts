import fc from 'fast-check';
import { Money, MoneyFormatError } from './money';

describe('Money', () => {
  it('G1 parses a USD decimal string into exact minor units', () => {
    expect(Money.parse('200000.00', 'USD').amountMinor).toBe(20_000_000n);
    expect(Money.parse('0.01', 'USD').amountMinor).toBe(1n);
    expect(Money.parse('12', 'USD').amountMinor).toBe(1200n);
  });

  it('G1 keeps amounts exact where binary floating point would not', () => {
    const sum = Money.parse('0.10', 'USD').plus(Money.parse('0.20', 'USD'));
    expect(sum.toDecimalString()).toBe('0.30');
    expect(sum.equals(Money.parse('0.3', 'USD'))).toBe(true);
  });

  it('G1 refuses more decimal places than the currency has instead of rounding', () => {
    expect(() => Money.parse('200000.001', 'USD')).toThrow(MoneyFormatError);
    expect(() => Money.parse('10.5', 'JPY')).toThrow(/at most 0 decimal places/);
  });

  it.each(['1e5', '1,000.00', '+5', ' 5', '5.', '.5', 'NaN', '', '0x10', '١٢٣'])(
    'G1 refuses the non-decimal amount %p',
    (input) => {
      expect(() => Money.parse(input, 'USD')).toThrow(MoneyFormatError);
    },
  );

  it('G1 refuses an unsupported currency', () => {
    expect(() => Money.parse('1.00', 'XXX')).toThrow(/unsupported currency/);
  });

  it('G1 refuses to add two currencies', () => {
    expect(() => Money.parse('1', 'USD').plus(Money.parse('1', 'EUR'))).toThrow(/cannot combine USD with EUR/);
  });

  it('G1 round-trips every minor amount through its decimal string', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 17n) + 1n, max: 10n ** 17n - 1n }), (minor) => {
        const money = Money.ofMinor(minor, 'USD');
        expect(Money.parse(money.toDecimalString(), 'USD').amountMinor).toBe(minor);
      }),
    );
  });
});
