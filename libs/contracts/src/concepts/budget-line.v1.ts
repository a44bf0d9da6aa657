import { IsOptional, IsString, Matches } from 'class-validator';
import { ValidNested } from '../nested';
import { MoneyV1 } from './money.v1';

/** The category of a line that came from a budget submitted before budgets had categories (issue 14). */
export const UNCATEGORISED = 'uncategorised';

/**
 * One line of a submission's budget by category (issue 14): the Migration MPTF's UN harmonised categories per
 * participating organisation, or a line of the Fund 1035 (IDF) budget template (no organisation: IOM implements).
 * Category codes are reference data with effective dates; a budget submitted before categories is one
 * `uncategorised` line per organisation.
 */
export class BudgetLineV1 {
  @Matches(/^[a-z][a-z0-9-]{0,63}$/) category: string;
  @IsOptional() @IsString() organisation?: string;
  @ValidNested(MoneyV1) amount: MoneyV1;
}
