import { CURRENCY_MINOR_DIGITS, Money } from '@fundline/money';
import { amountInFigures, amountInWords, CURRENCY_NAMES, wholeNumberInWords } from './amount-in-words';

const usd = (decimal: string) => Money.parse(decimal, 'USD');

describe('amountInWords', () => {
  it.each([
    ['0.00', 'zero United States dollars and 00/100'],
    ['1.00', 'one United States dollar and 00/100'],
    ['11.00', 'eleven United States dollars and 00/100'],
    ['19.00', 'nineteen United States dollars and 00/100'],
    ['20.00', 'twenty United States dollars and 00/100'],
    ['21.00', 'twenty-one United States dollars and 00/100'],
    ['99.00', 'ninety-nine United States dollars and 00/100'],
    ['100.00', 'one hundred United States dollars and 00/100'],
    ['101.00', 'one hundred one United States dollars and 00/100'],
    ['110.00', 'one hundred ten United States dollars and 00/100'],
    ['1000.00', 'one thousand United States dollars and 00/100'],
    ['1001.00', 'one thousand one United States dollars and 00/100'],
    ['1000000.00', 'one million United States dollars and 00/100'],
    ['1000001.00', 'one million one United States dollars and 00/100'],
    ['1250000.00', 'one million two hundred fifty thousand United States dollars and 00/100'],
    ['200000.00', 'two hundred thousand United States dollars and 00/100'],
    [
      '14878559.00',
      'fourteen million eight hundred seventy-eight thousand five hundred fifty-nine United States dollars and 00/100',
    ],
    [
      '999999999999.99',
      'nine hundred ninety-nine billion nine hundred ninety-nine million nine hundred ninety-nine thousand ' +
        'nine hundred ninety-nine United States dollars and 99/100',
    ],
  ])('writes USD %s as "%s"', (decimal, words) => {
    expect(amountInWords(usd(decimal))).toBe(words);
  });

  it('writes the cents as a fraction of a hundred, keeping the leading zero', () => {
    expect(amountInWords(usd('0.01'))).toBe('zero United States dollars and 01/100');
    expect(amountInWords(usd('0.10'))).toBe('zero United States dollars and 10/100');
    expect(amountInWords(usd('1.05'))).toBe('one United States dollar and 05/100');
    expect(amountInWords(usd('21.50'))).toBe('twenty-one United States dollars and 50/100');
  });

  it('spells the largest amount Fundline holds exactly, beyond what a float can carry', () => {
    // 99,999,999,999,999,999 minor units is above Number.MAX_SAFE_INTEGER: a float would round it.
    expect(amountInWords(Money.ofMinor(99_999_999_999_999_999n, 'USD'))).toBe(
      'nine hundred ninety-nine trillion nine hundred ninety-nine billion nine hundred ninety-nine million ' +
        'nine hundred ninety-nine thousand nine hundred ninety-nine United States dollars and 99/100',
    );
    expect(amountInWords(Money.ofMinor(9_007_199_254_740_993n, 'USD'))).toBe(
      'ninety trillion seventy-one billion nine hundred ninety-two million five hundred forty-seven thousand ' +
        'four hundred nine United States dollars and 93/100',
    );
  });

  it('skips empty groups and hyphenates only twenty-one to ninety-nine', () => {
    expect(wholeNumberInWords('1000000000')).toBe('one billion');
    expect(wholeNumberInWords('1000000001000')).toBe('one trillion one thousand');
    expect(wholeNumberInWords('30040')).toBe('thirty thousand forty');
    expect(wholeNumberInWords('000')).toBe('zero');
  });

  it('names currencies without a fraction without one, and singular for one unit', () => {
    expect(amountInWords(Money.parse('1', 'JPY'))).toBe('one Japanese yen');
    expect(amountInWords(Money.parse('2500', 'KRW'))).toBe('two thousand five hundred South Korean won');
    expect(amountInWords(Money.parse('1.00', 'EUR'))).toBe('one euro and 00/100');
    expect(amountInWords(Money.parse('3.00', 'GBP'))).toBe('three pounds sterling and 00/100');
  });

  it('has an English name for every currency Fundline accepts', () => {
    expect(Object.keys(CURRENCY_NAMES).sort()).toEqual(Object.keys(CURRENCY_MINOR_DIGITS).sort());
  });

  it('refuses a negative amount: an agreement never grants one', () => {
    expect(() => amountInWords(usd('-1.00'))).toThrow(RangeError);
    expect(() => amountInFigures(usd('-1.00'))).toThrow(RangeError);
  });

  it('refuses what is not a whole number of at most fifteen digits', () => {
    expect(() => wholeNumberInWords('1.5')).toThrow(RangeError);
    expect(() => wholeNumberInWords('1' + '0'.repeat(15))).toThrow(RangeError);
  });
});

describe('amountInFigures', () => {
  it.each([
    ['0.00', 'USD 0.00'],
    ['1.05', 'USD 1.05'],
    ['999.99', 'USD 999.99'],
    ['1000.00', 'USD 1,000.00'],
    ['1250000.00', 'USD 1,250,000.00'],
    ['999999999999999.99', 'USD 999,999,999,999,999.99'],
  ])('writes USD %s as %s', (decimal, figures) => {
    expect(amountInFigures(usd(decimal))).toBe(figures);
  });

  it('writes a currency without minor units without a decimal point', () => {
    expect(amountInFigures(Money.parse('1234567', 'JPY'))).toBe('JPY 1,234,567');
  });
});
