import { ApiProperty } from '@nestjs/swagger';
import { isSupportedCurrency, Money, MoneyFormatError } from '@fundline/money';
import { IsString, registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** Checks `amount` against its sibling `currency`: a decimal string with the currency's precision, above zero. */
function IsPositiveDecimalAmount(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPositiveDecimalAmount',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const currency = (args.object as { currency?: unknown }).currency;
          if (typeof value !== 'string' || typeof currency !== 'string' || !isSupportedCurrency(currency)) return false;
          try {
            return Money.parse(value, currency).isPositive();
          } catch (error) {
            if (error instanceof MoneyFormatError) return false;
            throw error;
          }
        },
        defaultMessage: () =>
          'amount must be a positive decimal string in the currency precision, e.g. "250000.00" (no exponent, no separators)',
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
  @IsPositiveDecimalAmount()
  amount: string;

  @ApiProperty({ example: 'USD' })
  @IsString()
  @IsSupportedCurrency()
  currency: string;

  toMoney(): Money {
    return Money.parse(this.amount, this.currency);
  }
}
