import { ApiProperty } from '@nestjs/swagger';

/** The shapes of the budget reports, for the OpenAPI document: amounts are decimal strings, never numbers. */
const AMOUNT = { type: String, example: '90000.00', description: 'USD, decimal string' } as const;
const RATE = {
  type: String,
  nullable: true,
  example: '0.4438',
  description: 'M11: expenditure / transfers, four decimals; null before the first transfer',
} as const;

class BudgetAmountsResponse {
  @ApiProperty(AMOUNT) budget: string;
  @ApiProperty({ ...AMOUNT, description: 'Transfers attributed pro rata to budget (docs/domain-decisions.md)' })
  transferred: string;
  @ApiProperty(AMOUNT) spent: string;
  @ApiProperty(RATE) deliveryRate: string | null;
  @ApiProperty({ ...AMOUNT, description: 'Budget less expenditure (negative: overspent)' }) unspentBudget: string;
}

class BudgetLineResponse extends BudgetAmountsResponse {
  @ApiProperty({ example: 'ILO' }) organisation: string;
  @ApiProperty({ example: 'travel' }) category: string;
}

class BudgetCategoryResponse extends BudgetAmountsResponse {
  @ApiProperty({ example: 'travel' }) category: string;
}

class BudgetScopeResponse {
  @ApiProperty({ format: 'uuid', required: false }) conceptId?: string;
  @ApiProperty({ required: false, nullable: true, type: String }) title?: string | null;
  @ApiProperty({ required: false, nullable: true, type: String }) country?: string | null;
  @ApiProperty({ required: false, example: 'FUND_1035' }) fund?: string;
  @ApiProperty({ required: false, example: 'LINE_2' }) pocket?: string;
}

export class BudgetReportResponse {
  @ApiProperty({ type: BudgetScopeResponse }) scope: BudgetScopeResponse;
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: [BudgetLineResponse] }) rows: BudgetLineResponse[];
  @ApiProperty({ type: [BudgetCategoryResponse] }) byCategory: BudgetCategoryResponse[];
  @ApiProperty({ type: BudgetAmountsResponse }) totals: BudgetAmountsResponse;
}
