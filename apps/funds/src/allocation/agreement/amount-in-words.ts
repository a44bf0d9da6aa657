import { minorDigits, Money } from '@fundline/money';

/**
 * An amount as a legal document states it: in figures ("USD 1,250,000.00") and in words, cheque style ("one million
 * two hundred fifty thousand United States dollars and 00/100"). Both are written from the bigint's digits, never
 * through a JavaScript number, so the largest amount Fundline holds is spelled exactly.
 */

/** Singular and plural English names of every currency `@fundline/money` accepts. */
export const CURRENCY_NAMES: Readonly<Record<string, readonly [singular: string, plural: string]>> = {
  USD: ['United States dollar', 'United States dollars'],
  EUR: ['euro', 'euros'],
  GBP: ['pound sterling', 'pounds sterling'],
  CHF: ['Swiss franc', 'Swiss francs'],
  SEK: ['Swedish krona', 'Swedish kronor'],
  NOK: ['Norwegian krone', 'Norwegian kroner'],
  DKK: ['Danish krone', 'Danish kroner'],
  CAD: ['Canadian dollar', 'Canadian dollars'],
  AUD: ['Australian dollar', 'Australian dollars'],
  NZD: ['New Zealand dollar', 'New Zealand dollars'],
  JPY: ['Japanese yen', 'Japanese yen'],
  KRW: ['South Korean won', 'South Korean won'],
};

const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
/** Short scale, as UN and IOM English documents count; 15 whole digits (MAX_WHOLE_DIGITS) end in trillions. */
const SCALES = ['', 'thousand', 'million', 'billion', 'trillion'];

/** The whole and fraction digits of a non-negative amount, as strings. */
function digitsOf(money: Money): { whole: string; fraction: string } {
  if (money.isNegative()) throw new RangeError(`an agreement states no negative amount (${money.toDecimalString()})`);
  const [whole, fraction = ''] = money.toDecimalString().split('.');
  return { whole, fraction };
}

/** "USD 1,250,000.00". */
export function amountInFigures(money: Money): string {
  const { whole, fraction } = digitsOf(money);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${money.currency} ${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** "one million two hundred fifty thousand United States dollars and 00/100"; yen and won have no fraction. */
export function amountInWords(money: Money): string {
  const { whole, fraction } = digitsOf(money);
  const [singular, plural] = CURRENCY_NAMES[money.currency];
  const words = `${wholeNumberInWords(whole)} ${whole === '1' ? singular : plural}`;
  const digits = minorDigits(money.currency);
  return digits === 0 ? words : `${words} and ${fraction}/1${'0'.repeat(digits)}`;
}

/** A whole number given as its decimal digits ("1250000"), in words, hyphenating twenty-one to ninety-nine. */
export function wholeNumberInWords(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new RangeError(`${JSON.stringify(digits)} is not a whole number`);
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  if (groups.length > SCALES.length) throw new RangeError(`${digits} is beyond the trillions`);
  const words = groups
    .map((group, i) => ({ group: Number(group), scale: SCALES[groups.length - 1 - i] }))
    .filter(({ group }) => group > 0)
    .map(({ group, scale }) => [belowAThousand(group), scale].filter(Boolean).join(' '));
  return words.length === 0 ? UNITS[0] : words.join(' ');
}

/** 1 to 999 (a three-digit group, exact as a number). */
function belowAThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts = hundreds > 0 ? [`${UNITS[hundreds]} hundred`] : [];
  if (rest >= 20) parts.push(rest % 10 === 0 ? TENS[rest / 10] : `${TENS[Math.floor(rest / 10)]}-${UNITS[rest % 10]}`);
  else if (rest > 0) parts.push(UNITS[rest]);
  return parts.join(' ');
}
