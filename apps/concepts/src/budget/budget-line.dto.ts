import { ApiProperty } from '@nestjs/swagger';
import { SubmissionForm, Violation } from '@fundline/domain';
import { MoneyDto, NestedObject, ProblemException } from '@fundline/http';
import { IsString, MaxLength } from 'class-validator';
import { LEGACY_CATEGORIES } from '../reference-data/seed/budget-categories.seed';
import { BudgetLine } from './budget.value';

/** One line of a budget by category (issue 14). */
export class BudgetLineDto {
  @ApiProperty({
    example: 'travel',
    description:
      'A category code of the list in force (GET /reference-data/budget-category: keys mptf.<code> for concept ' +
      'notes, f1035.<code> for project proposals)',
  })
  @IsString()
  @MaxLength(64)
  category: string;

  @NestedObject(MoneyDto) amount: MoneyDto;
}

/**
 * The lines of a categorised request; the legacy categories are what budgets written before categories became, and a
 * categorised request names a category of its own instead (refused, naming the line).
 */
export function categorisedLines(
  lines: readonly BudgetLineDto[],
  at: string,
  rule: string,
  form: SubmissionForm,
): { lines: BudgetLine[]; violations: Violation[] } {
  const violations = lines.flatMap((line, j): Violation[] =>
    LEGACY_CATEGORIES[form].includes(line.category)
      ? [
          {
            field: `${at}.${j}.category`,
            rule,
            message: `${line.category} is the category of budgets written before categories; budget the amount by category`,
          },
        ]
      : [],
  );
  return { lines: lines.map((l) => ({ category: l.category, amount: l.amount.toMoney() })), violations };
}

/** A budget whose shape is neither the categorised one nor the one before categories, or both at once: 400. */
export function budgetShapeRefused(violations: Violation[]): ProblemException {
  return new ProblemException(
    400,
    'REQUEST.INVALID',
    'The request is invalid',
    violations.map((v) => `${v.field}: ${v.message}`).join('; '),
    violations,
  );
}
