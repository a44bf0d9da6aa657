import { UNCATEGORISED } from '@fundline/contracts';
import { BUDGET_RULE_OF, BudgetCategory, CategorisedLine, SubmissionForm, Violation } from '@fundline/domain';
import { Money } from '@fundline/money';
import {
  INDIRECT_SUPPORT_COSTS,
  LEGACY_CATEGORIES,
  LEGACY_STAFF_AND_OFFICE,
} from '../reference-data/seed/budget-categories.seed';

/**
 * A submission's budget by category (issue 14): lines of a category list in force (reference data), each a positive
 * USD amount. Migration MPTF budgets have lines per participating organisation, Fund 1035 budgets lines of the IDF
 * template. Budgets written before categories become lines of legacy categories (`legacyLines…`), so every rule reads
 * lines only.
 */
export interface BudgetLine {
  category: string;
  amount: Money;
}

export type BudgetCategories = ReadonlyMap<string, ReadonlyMap<string, BudgetCategory>>;

/** The category list a form's budgets are written in, as in force in `categories`. */
export function categoriesOf(categories: BudgetCategories, form: SubmissionForm): ReadonlyMap<string, BudgetCategory> {
  return categories.get(BUDGET_RULE_OF[form].list) ?? new Map();
}

/** The categories a categorised request may name: the list in force without the legacy ones. */
export function allowedCategories(list: ReadonlyMap<string, BudgetCategory>, form: SubmissionForm): string[] {
  return [...list.keys()].filter((code) => !LEGACY_CATEGORIES[form].includes(code)).sort();
}

export function totalOf(lines: readonly BudgetLine[], currency = 'USD'): Money {
  return lines.reduce((sum, line) => sum.plus(line.amount), Money.zero(currency));
}

/** The lines as the budget rules (M4, F7) read them, in USD minor units. */
export function minorLinesOf(lines: readonly BudgetLine[]): CategorisedLine[] {
  return lines.map((l) => ({ category: l.category, amountMinor: l.amount.amountMinor }));
}

/** `staff 60000.00, office 30000.00`: the lines a verdict is about. */
export function describeLines(lines: readonly BudgetLine[]): string {
  return lines.map((l) => `${l.category} ${l.amount.toDecimalString()}`).join(', ');
}

/**
 * The lines of one budget checked against the list in force: categories the list lacks (unknown: the request names
 * reference data that does not exist), and lines that are not positive USD amounts or repeat a category (broken).
 */
export function checkLines(
  lines: readonly BudgetLine[],
  at: string,
  rule: string,
  list: ReadonlyMap<string, BudgetCategory>,
  form: SubmissionForm,
): { unknown: Violation[]; broken: Violation[] } {
  const unknown: Violation[] = [];
  const broken: Violation[] = [];
  const seen = new Set<string>();
  for (const [j, line] of lines.entries()) {
    if (!list.has(line.category)) {
      unknown.push({
        field: `${at}.${j}.category`,
        rule,
        message: `${line.category} is not a budget category in force; allowed: ${allowedCategories(list, form).join(', ')}`,
      });
    }
    if (seen.has(line.category)) {
      broken.push({
        field: `${at}.${j}.category`,
        rule,
        message: `one line per category: ${line.category} appears more than once`,
      });
    }
    seen.add(line.category);
    if (line.amount.currency !== 'USD' || !line.amount.isPositive()) {
      broken.push({ field: `${at}.${j}.amount`, rule: 'G1', message: 'budget lines are positive USD amounts' });
    }
  }
  return { unknown, broken };
}

/** An MPTF organisation's budget written before categories: its direct costs uncategorised, its indirect support costs. */
export function legacyOrganisationLines(directCosts: Money, indirectSupportCosts: Money): BudgetLine[] {
  return [
    { category: UNCATEGORISED, amount: directCosts },
    { category: INDIRECT_SUPPORT_COSTS, amount: indirectSupportCosts },
  ];
}

/**
 * A Fund 1035 budget written before categories: the declared staff and office costs, and the rest of the request
 * uncategorised (no line when nothing is left; declared costs above the request leave the lines short of it, which
 * F7's sum check refuses).
 */
export function legacyProposalLines(staffAndOfficeCosts: Money, requested: Money): BudgetLine[] {
  const rest =
    staffAndOfficeCosts.currency === requested.currency ? requested.minus(staffAndOfficeCosts) : Money.zero('USD');
  return [
    { category: LEGACY_STAFF_AND_OFFICE, amount: staffAndOfficeCosts },
    ...(rest.isPositive() ? [{ category: UNCATEGORISED, amount: rest }] : []),
  ];
}
