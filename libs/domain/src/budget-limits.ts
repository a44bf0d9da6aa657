import { Money, shareOf } from '@fundline/money';
import { SubmissionForm } from './fund-policies';
import { FundParameters } from './fund-parameters';

/**
 * The budget rules on categories (issue 14), wherever a budget is written: M4 (each MPTF organisation's indirect
 * support costs at most the cap of its direct costs) and F7 (Fund 1035 staff and office costs at most the cap of the
 * total). Concepts screens a submission with them, funds holds a revision to them at request and at decision. Amounts
 * are USD minor units; limits are the cap of the base, half up to the cent.
 */

/** What a budget category counts as in its fund's budget rule (reference dataset `budget-category`, `counts`). */
export const BUDGET_CATEGORY_COUNTS = ['direct', 'indirect-support', 'staff-and-office', 'other'] as const;
export type BudgetCategoryCounts = (typeof BUDGET_CATEGORY_COUNTS)[number];

export interface BudgetCategory {
  name: string;
  counts: BudgetCategoryCounts;
}

/** One list of categories in force, by code. */
export type BudgetCategoryList = ReadonlyMap<string, Pick<BudgetCategory, 'counts'>>;

/**
 * The budget rule of each form: the list its categories are recorded under (dataset `budget-category`, key
 * `<list>.<code>`, the prefix of the form's fund parameters), the rule and its cap parameter. A fund that takes concept
 * notes reads the M list and the M4 cap.
 */
export const BUDGET_RULE_OF: Readonly<
  Record<SubmissionForm, { list: string; rule: 'M4' | 'F7'; capParameter: string }>
> = {
  'concept-note': { list: 'mptf', rule: 'M4', capParameter: 'mptf.indirect-support-cost.cap-basis-points' },
  'project-proposal': { list: 'f1035', rule: 'F7', capParameter: 'f1035.staff-office.cap-basis-points' },
};

export interface CategorisedLine {
  category: string;
  amountMinor: bigint;
}

/** One budget held to its limit: the lines counted against it, the base the cap is taken of, and the limit. */
export interface BudgetLimitCheck<L extends CategorisedLine = CategorisedLine> {
  rule: 'M4' | 'F7';
  /** The organisation whose budget this is (M4); null for the whole budget (F7). */
  organisation: string | null;
  /** The lines counted against the limit, as given. */
  counted: L[];
  countedMinor: bigint;
  /** Direct costs (M4) or the total (F7). */
  baseMinor: bigint;
  capBasisPoints: number;
  limitMinor: bigint;
  within: boolean;
}

const sum = (lines: readonly { amountMinor: bigint }[]) => lines.reduce((s, l) => s + l.amountMinor, 0n);
const usd = (minor: bigint) => Money.ofMinor(minor, 'USD').toDecimalString();
/** A category not in the list counts as nothing: whoever reads the list decides whether that is allowed. */
const counting = <L extends CategorisedLine>(
  lines: readonly L[],
  list: BudgetCategoryList,
  counts: BudgetCategoryCounts,
) => lines.filter((l) => list.get(l.category)?.counts === counts);

function check<L extends CategorisedLine>(
  rule: BudgetLimitCheck['rule'],
  organisation: string | null,
  counted: L[],
  baseMinor: bigint,
  capBasisPoints: number,
): BudgetLimitCheck<L> {
  const limitMinor = shareOf(Money.ofMinor(baseMinor, 'USD'), capBasisPoints).amountMinor;
  const countedMinor = sum(counted);
  return {
    rule,
    organisation,
    counted,
    countedMinor,
    baseMinor,
    capBasisPoints,
    limitMinor,
    within: countedMinor <= limitMinor,
  };
}

/** M4 for one organisation: its indirect support lines against the cap of its direct lines. */
export function indirectSupportCheck<L extends CategorisedLine>(
  organisation: string,
  lines: readonly L[],
  list: BudgetCategoryList,
  capBasisPoints: number,
): BudgetLimitCheck<L> {
  const direct = sum(counting(lines, list, 'direct'));
  return check('M4', organisation, counting(lines, list, 'indirect-support'), direct, capBasisPoints);
}

/** F7: the staff and office lines against the cap of the total (the request at screening, the revised total after). */
export function staffOfficeCheck<L extends CategorisedLine>(
  lines: readonly L[],
  totalMinor: bigint,
  list: BudgetCategoryList,
  capBasisPoints: number,
): BudgetLimitCheck<L> {
  return check('F7', null, counting(lines, list, 'staff-and-office'), totalMinor, capBasisPoints);
}

/**
 * The form's budget rule over a whole budget of lines by organisation: M4 per organisation (in the order they first
 * appear), F7 over all lines against their total. The cap is the one in force in `parameters`.
 */
export function budgetLimitChecks<L extends CategorisedLine & { organisation: string }>(
  form: SubmissionForm,
  lines: readonly L[],
  list: BudgetCategoryList,
  parameters: FundParameters,
): BudgetLimitCheck<L>[] {
  const { rule, capParameter } = BUDGET_RULE_OF[form];
  const cap = parameters.count(capParameter);
  if (rule === 'F7') return [staffOfficeCheck(lines, sum(lines), list, cap)];
  const organisations = [...new Set(lines.map((l) => l.organisation))];
  return organisations.map((o) =>
    indirectSupportCheck(
      o,
      lines.filter((l) => l.organisation === o),
      list,
      cap,
    ),
  );
}

/** `staff 40000.00, office 20000.01`: the lines a check counted. */
export function describeCounted(counted: readonly CategorisedLine[]): string {
  return counted.map((l) => `${l.category} ${usd(l.amountMinor)}`).join(', ');
}

/**
 * What a check found, in the words of the screening verdict: `UNDP: indirect-support-costs 80000.00 above 7% of direct
 * costs 1000000.00 (limit 70000.00)`, `staff and office costs 60000.01 (staff 40000.00, office 20000.01) above 30% of
 * the total 200000.00 (limit 60000.00)`.
 */
export function describeBudgetLimit(c: BudgetLimitCheck): string {
  const verdict = `${c.within ? 'within' : 'above'} ${c.capBasisPoints / 100}%`;
  const limit = `(limit ${usd(c.limitMinor)})`;
  if (c.rule === 'M4') {
    const indirect = c.counted.length ? describeCounted(c.counted) : 'no indirect support costs';
    return `${c.organisation}: ${indirect} ${verdict} of direct costs ${usd(c.baseMinor)} ${limit}`;
  }
  const lines = c.counted.length ? ` (${describeCounted(c.counted)})` : '';
  return `staff and office costs ${usd(c.countedMinor)}${lines} ${verdict} of the total ${usd(c.baseMinor)} ${limit}`;
}
