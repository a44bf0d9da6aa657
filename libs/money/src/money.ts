/**
 * Money as integer minor units with an ISO 4217 currency. Amounts never pass through a JavaScript number:
 * they are parsed from and formatted to decimal strings at the edges (API, events) and kept as bigint inside.
 */

/** Minor-unit digits of the currencies Fundline accepts (ISO 4217). */
export const CURRENCY_MINOR_DIGITS: Readonly<Record<string, number>> = Object.freeze({
  USD: 2,
  EUR: 2,
  GBP: 2,
  CHF: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  JPY: 0,
  KRW: 0,
});

export class MoneyFormatError extends Error {
  constructor(
    message: string,
    readonly rule: string,
  ) {
    super(message);
    this.name = 'MoneyFormatError';
  }
}

export function isSupportedCurrency(currency: string): boolean {
  return Object.prototype.hasOwnProperty.call(CURRENCY_MINOR_DIGITS, currency);
}

export function minorDigits(currency: string): number {
  if (!isSupportedCurrency(currency)) {
    throw new MoneyFormatError(`unsupported currency ${JSON.stringify(currency)}`, 'currency.supported');
  }
  return CURRENCY_MINOR_DIGITS[currency];
}

/** The most whole units an amount has anywhere in Fundline: at the API, in events, in any balance. */
export const MAX_WHOLE_DIGITS = 15;

/** The largest amount, in minor units, of a currency: 999,999,999,999,999.99 for USD. */
const DECIMAL = new RegExp(`^(-?)(\\d{1,${MAX_WHOLE_DIGITS}})(?:\\.(\\d+))?$`);

export function maxMinor(currency: string): bigint {
  return 10n ** BigInt(MAX_WHOLE_DIGITS + minorDigits(currency)) - 1n;
}

export class Money {
  private constructor(
    readonly amountMinor: bigint,
    readonly currency: string,
  ) {}

  static ofMinor(amountMinor: bigint, currency: string): Money {
    minorDigits(currency);
    return new Money(amountMinor, currency);
  }

  static zero(currency: string): Money {
    return Money.ofMinor(0n, currency);
  }

  /**
   * Parses a plain decimal string ("1250000.50"). Exponents, signs other than a leading minus, grouping
   * separators and more fraction digits than the currency has are refused rather than rounded: an amount a
   * person typed is either exact or wrong.
   */
  static parse(decimal: string, currency: string): Money {
    const digits = minorDigits(currency);
    if (typeof decimal !== 'string') {
      throw new MoneyFormatError('amount must be a decimal string', 'amount.decimal');
    }
    const match = DECIMAL.exec(decimal);
    if (!match) {
      throw new MoneyFormatError(`${JSON.stringify(decimal)} is not a decimal amount like "1250.00"`, 'amount.decimal');
    }
    const [, sign, whole, fraction = ''] = match;
    if (fraction.length > digits) {
      throw new MoneyFormatError(`${currency} amounts have at most ${digits} decimal places`, 'amount.scale');
    }
    const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
    return new Money(sign === '-' ? -minor : minor, currency);
  }

  toDecimalString(): string {
    const digits = minorDigits(this.currency);
    const negative = this.amountMinor < 0n;
    const abs = negative ? -this.amountMinor : this.amountMinor;
    const unit = 10n ** BigInt(digits);
    const whole = (abs / unit).toString();
    const fraction = digits === 0 ? '' : '.' + (abs % unit).toString().padStart(digits, '0');
    return `${negative ? '-' : ''}${whole}${fraction}`;
  }

  toJSON(): { amount: string; currency: string } {
    return { amount: this.toDecimalString(), currency: this.currency };
  }

  plus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amountMinor + other.amountMinor, this.currency);
  }

  minus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amountMinor - other.amountMinor, this.currency);
  }

  isNegative(): boolean {
    return this.amountMinor < 0n;
  }

  isPositive(): boolean {
    return this.amountMinor > 0n;
  }

  compare(other: Money): -1 | 0 | 1 {
    this.assertSameCurrency(other);
    return this.amountMinor < other.amountMinor ? -1 : this.amountMinor > other.amountMinor ? 1 : 0;
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.amountMinor === other.amountMinor;
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new MoneyFormatError(`cannot combine ${this.currency} with ${other.currency}`, 'currency.same');
    }
  }
}
