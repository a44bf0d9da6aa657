import { minorDigits, Money, MoneyFormatError } from './money';

/**
 * Integer division rounded half away from zero: the rounding finance offices apply to a converted amount or a fee
 * ("0.005 USD rounds to 0.01"). One rule, in one place.
 */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const quotient = (abs * 2n + denominator) / (denominator * 2n);
  return negative ? -quotient : quotient;
}

/** An exchange rate as an exact decimal: units of the target currency for one unit of the source currency. */
export class ExchangeRate {
  private constructor(
    readonly scaled: bigint,
    readonly scale: number,
  ) {}

  static parse(decimal: string): ExchangeRate {
    const match = typeof decimal === 'string' ? /^(\d{1,9})(?:\.(\d{1,12}))?$/.exec(decimal) : null;
    if (!match) {
      throw new MoneyFormatError(`${JSON.stringify(decimal)} is not a decimal rate like "1.0850"`, 'rate.decimal');
    }
    const [, whole, fraction = ''] = match;
    const rate = new ExchangeRate(BigInt(whole + fraction), fraction.length);
    if (rate.scaled <= 0n) throw new MoneyFormatError('an exchange rate must be above zero', 'rate.positive');
    return rate;
  }

  toDecimalString(): string {
    const digits = this.scaled.toString().padStart(this.scale + 1, '0');
    return this.scale === 0 ? digits : `${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}`;
  }

  /** Converts exactly, then rounds once, half up, to the target currency's minor unit. */
  convert(amount: Money, to: string): Money {
    const fromDigits = minorDigits(amount.currency);
    const toDigits = minorDigits(to);
    const numerator = amount.amountMinor * this.scaled * 10n ** BigInt(toDigits);
    const denominator = 10n ** BigInt(fromDigits + this.scale);
    return Money.ofMinor(divideRoundHalfUp(numerator, denominator), to);
  }
}

/** A share of an amount in basis points (100 bp = 1%), rounded half up to the minor unit. */
export function shareOf(amount: Money, basisPoints: number): Money {
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000) {
    throw new RangeError('basis points must be an integer from 0 to 10000');
  }
  return Money.ofMinor(divideRoundHalfUp(amount.amountMinor * BigInt(basisPoints), 10_000n), amount.currency);
}
