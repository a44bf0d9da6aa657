import { Matches } from 'class-validator';

/** An amount in events: a decimal string with its ISO 4217 currency, never a JSON number (ADR 0004). */
export class MoneyV1 {
  /** Decimal string in the currency's minor-unit precision ("1250000.00"); never a JSON number. */
  @Matches(/^-?\d{1,15}(\.\d{1,2})?$/)
  amount: string;

  @Matches(/^[A-Z]{3}$/)
  currency: string;
}
