import { Money } from '@fundline/money';

/**
 * Fund parameters (configurable, reference dataset `fund-parameter`) as typed values: amounts are USD minor units held
 * as bigint and read as Money, counts and basis points are integers. A missing parameter is a broken seed, not input.
 */
export class FundParameters {
  private constructor(private readonly values: ReadonlyMap<string, bigint>) {}

  /** From recorded values (numbers or integer strings); a fraction or a non-number is refused, never rounded. */
  static of(entries: Iterable<readonly [string, unknown]>): FundParameters {
    const values = new Map<string, bigint>();
    for (const [key, value] of entries) {
      if (typeof value === 'bigint') values.set(key, value);
      else if (
        (typeof value === 'number' && Number.isSafeInteger(value)) ||
        (typeof value === 'string' && /^-?\d+$/.test(value))
      ) {
        values.set(key, BigInt(value));
      } else throw new Error(`fund parameter ${key} is not a whole number: ${String(value)}`);
    }
    return new FundParameters(values);
  }

  private value(key: string): bigint {
    const value = this.values.get(key);
    if (value === undefined) throw new Error(`no fund parameter ${key}`);
    return value;
  }

  /** An amount parameter (its key ends in `-minor`), in USD. */
  money(key: `${string}-minor`): Money {
    return Money.ofMinor(this.value(key), 'USD');
  }

  /** A count, a number of months or basis points. */
  count(key: string): number {
    return Number(this.value(key));
  }

  has(key: string): boolean {
    return this.values.has(key);
  }
}
