import { ApiProperty } from '@nestjs/swagger';
import { CURRENCY_MINOR_DIGITS, isSupportedCurrency, Money, MoneyFormatError } from '@fundline/money';
import { IsString, registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

function isAmountIn(value: string, currency: string, allowZero: boolean): boolean {
  try {
    const money = Money.parse(value, currency);
    return allowZero ? !money.isNegative() : money.isPositive();
  } catch (error) {
    if (error instanceof MoneyFormatError) return false;
    throw error;
  }
}

/**
 * Checks `amount` against its sibling `currency`: a decimal string with the currency's precision, above zero. With
 * a currency that is wrong or missing, the amount is judged against every supported one: the currency alone is
 * blamed unless no currency at all would make the amount right.
 */
function IsDecimalAmount(allowZero: boolean, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: allowZero ? 'isNonNegativeDecimalAmount' : 'isPositiveDecimalAmount',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          if (typeof value !== 'string') return false;
          const currency = (args.object as { currency?: unknown }).currency;
          const candidates =
            typeof currency === 'string' && isSupportedCurrency(currency)
              ? [currency]
              : Object.keys(CURRENCY_MINOR_DIGITS);
          return candidates.some((c) => isAmountIn(value, c, allowZero));
        },
        defaultMessage: () =>
          `amount must be a ${allowZero ? 'non-negative' : 'positive'} decimal string in the currency precision, e.g. "250000.00" (no exponent, no separators)`,
      },
    });
}

function IsSupportedCurrency(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isSupportedCurrency',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isSupportedCurrency(value),
        defaultMessage: () => 'currency must be a supported ISO 4217 code (USD, EUR, …)',
      },
    });
}

/** Money at the API: a decimal string and an ISO 4217 code, never a JSON number. */
export class MoneyDto {
  @ApiProperty({ example: '250000.00', description: 'Decimal string in the currency precision' })
  @IsString()
  @IsDecimalAmount(false)
  amount: string;

  @ApiProperty({ example: 'USD' })
  @IsString()
  @IsSupportedCurrency()
  currency: string;

  toMoney(): Money {
    return Money.parse(this.amount, this.currency);
  }
}

/** Money that may be zero: a figure recorded as it is (an income of 0.00 this year), never an amount moved. */
export class NonNegativeMoneyDto {
  @ApiProperty({ example: '0.00', description: 'Decimal string in the currency precision, zero or more' })
  @IsString()
  @IsDecimalAmount(true)
  amount: string;

  @ApiProperty({ example: 'USD' })
  @IsString()
  @IsSupportedCurrency()
  currency: string;

  toMoney(): Money {
    return Money.parse(this.amount, this.currency);
  }
}
