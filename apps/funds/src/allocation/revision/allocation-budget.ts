import { UNCATEGORISED } from '@fundline/contracts';
import {
  budgetLimitChecks,
  BudgetCategoryList,
  describeBudgetLimit,
  FundParameters,
  SubmissionForm,
  Violation,
} from '@fundline/domain';
import { Money } from '@fundline/money';

/**
 * An allocation's budget by category (issue 14): what each participating organisation may spend in each category, in
 * USD minor units. Its lines add up to each organisation's share, and the shares to the allocation's amount.
 */
export interface BudgetLine {
  organisation: string;
  category: string;
  amountMinor: bigint;
}

/** A line of the submitted budget, as the pipeline replica keeps it (a Fund 1035 line names no organisation). */
export interface SubmittedBudgetLine {
  category: string;
  organisation: string | null;
  amountMinor: bigint;
}

const usd = (minor: bigint) => Money.ofMinor(minor, 'USD').toDecimalString();
const key = (line: { organisation: string; category: string }) => `${line.organisation}\u0000${line.category}`;

export function totalOf(lines: readonly { amountMinor: bigint }[]): bigint {
  return lines.reduce((sum, l) => sum + l.amountMinor, 0n);
}

/** Each organisation's share of a budget: the sum of its lines. */
export function sharesOf(lines: readonly BudgetLine[]): Map<string, bigint> {
  const shares = new Map<string, bigint>();
  for (const l of lines) shares.set(l.organisation, (shares.get(l.organisation) ?? 0n) + l.amountMinor);
  return shares;
}

/**
 * The allocation's budget at approval: each organisation's submitted lines scaled to its approved share. Scaling is
 * proportional and rounds every line down to the cent; the cents left over go to the organisation's largest line (the
 * first of equal ones), so the lines add up to the share exactly and no line moves by more than its rounding. An
 * organisation without submitted lines (a budget submitted before categories, or a share the committee gave an
 * organisation the budget did not name) gets one `uncategorised` line of its whole share. A line without an
 * organisation belongs to the only organisation, when there is one (Fund 1035: IOM implements).
 */
export function budgetAtApproval(
  submitted: readonly SubmittedBudgetLine[] | null,
  shares: ReadonlyArray<{ organisation: string; amountMinor: bigint }>,
): BudgetLine[] {
  const sole = shares.length === 1 ? shares[0].organisation : null;
  return shares.flatMap(({ organisation, amountMinor: share }) => {
    const merged = new Map<string, bigint>();
    for (const line of submitted ?? []) {
      if ((line.organisation ?? sole) !== organisation) continue;
      merged.set(line.category, (merged.get(line.category) ?? 0n) + line.amountMinor);
    }
    const requested = [...merged.values()].reduce((a, b) => a + b, 0n);
    if (requested === 0n) return [{ organisation, category: UNCATEGORISED, amountMinor: share }];
    const lines = [...merged].map(([category, amount]) => ({
      organisation,
      category,
      amountMinor: (amount * share) / requested,
    }));
    const largest = [...merged.values()].reduce((best, amount, i, all) => (amount > all[best] ? i : best), 0);
    lines[largest].amountMinor += share - totalOf(lines);
    return lines;
  });
}

/** M4 / F7: the fund's budget rule (by its form), the categories as it counts them and the cap, as in force on a day. */
export interface BudgetLimits {
  form: SubmissionForm;
  list: BudgetCategoryList;
  parameters: FundParameters;
}

/**
 * What a revised budget is checked against: the organisations with a share, the categories it may name and the
 * fund's budget rule.
 */
export interface BudgetBounds {
  organisations: ReadonlyMap<string, { transferredMinor: bigint }>;
  categories: ReadonlySet<string>;
  limits: BudgetLimits;
}

/**
 * RV2 and M10, a revised budget as a whole: one line per organisation and category, each a participating organisation
 * and a known category (else malformed: the request names what does not exist), non-negative USD cents, adding up to
 * the stated total; no organisation's share below what was already transferred to it; and the fund's budget rule on
 * the new lines (M4 per organisation, F7 on the total), as at submission.
 */
export function budgetViolations(
  lines: ReadonlyArray<{ organisation: string; category: string; amount: Money }>,
  total: Money,
  bounds: BudgetBounds,
): { malformed: Violation[]; broken: Violation[] } {
  const malformed: Violation[] = [];
  const broken: Violation[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (!bounds.organisations.has(line.organisation)) {
      malformed.push({
        field: `budget.lines.${i}.organisation`,
        rule: 'RV2',
        message: `${line.organisation} does not take part in this allocation (${[...bounds.organisations.keys()].join(', ')})`,
      });
    }
    if (!bounds.categories.has(line.category)) {
      malformed.push({
        field: `budget.lines.${i}.category`,
        rule: 'RV2',
        message: `${line.category} is not a budget category of this fund in force (${[...bounds.categories].join(', ')})`,
      });
    }
    if (line.amount.currency !== 'USD' || line.amount.isNegative()) {
      broken.push({ field: `budget.lines.${i}.amount`, rule: 'RV2', message: 'a budget line is zero or more USD' });
    }
    if (seen.has(key(line))) {
      broken.push({
        field: `budget.lines.${i}`,
        rule: 'RV2',
        message: `${line.organisation} has ${line.category} twice; one line per organisation and category`,
      });
    }
    seen.add(key(line));
  });
  if (total.currency !== 'USD' || !total.isPositive()) {
    broken.push({ field: 'budget.amount', rule: 'RV2', message: 'the total is above zero, in USD' });
  }
  const sum = lines.reduce((s, l) => s + l.amount.amountMinor, 0n);
  if (sum !== total.amountMinor) {
    broken.push({
      field: 'budget.lines',
      rule: 'RV2',
      message: `the lines add up to ${usd(sum)}, not to the total ${total.toDecimalString()}`,
      limit: total.toDecimalString(),
    });
  }
  if (malformed.length === 0) {
    const shares = sharesOf(lines.map((l) => ({ ...l, amountMinor: l.amount.amountMinor })));
    for (const [organisation, { transferredMinor }] of bounds.organisations) {
      const share = shares.get(organisation) ?? 0n;
      if (share < transferredMinor) {
        broken.push({
          field: 'budget.lines',
          rule: 'M10',
          message: `${organisation}'s share would be ${usd(share)}, below the ${usd(transferredMinor)} already transferred to it`,
          limit: usd(transferredMinor),
        });
      }
    }
    broken.push(...limitViolations(lines, bounds.limits));
  }
  return { malformed, broken };
}

/**
 * M4 / F7 on a revised budget: one violation per limit crossed, naming the first line counted against it. A category
 * the list in force no longer names counts as nothing (RV2 lets a revision move money out of it).
 */
function limitViolations(
  lines: ReadonlyArray<{ organisation: string; category: string; amount: Money }>,
  limits: BudgetLimits,
): Violation[] {
  const minor = lines.map((l) => ({
    organisation: l.organisation,
    category: l.category,
    amountMinor: l.amount.amountMinor,
  }));
  return budgetLimitChecks(limits.form, minor, limits.list, limits.parameters)
    .filter((c) => !c.within)
    .map((c) => ({
      field: `budget.lines.${minor.indexOf(c.counted[0])}`,
      rule: c.rule,
      message: describeBudgetLimit(c),
      limit: usd(c.limitMinor),
    }));
}

/**
 * RV1, why a budget revision needs the approving authority: any change of the total or of an organisation's share, or
 * a line (organisation and category) that moves by more than the threshold of what it was (a new line moves by more
 * than any threshold). None: it is recorded at once.
 */
export function needsApprovalBecause(
  current: readonly BudgetLine[],
  next: readonly BudgetLine[],
  thresholdBasisPoints: number,
): string[] {
  const reasons: string[] = [];
  if (totalOf(current) !== totalOf(next)) {
    reasons.push(`RV1: the total changes from ${usd(totalOf(current))} to ${usd(totalOf(next))}`);
  }
  const before = sharesOf(current);
  const after = sharesOf(next);
  for (const organisation of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(organisation) ?? 0n;
    const is = after.get(organisation) ?? 0n;
    if (was !== is) reasons.push(`RV1: ${organisation}'s share changes from ${usd(was)} to ${usd(is)}`);
  }
  const was = new Map(current.map((l) => [key(l), l.amountMinor]));
  const is = new Map(next.map((l) => [key(l), l.amountMinor]));
  for (const k of new Set([...was.keys(), ...is.keys()])) {
    const from = was.get(k) ?? 0n;
    const to = is.get(k) ?? 0n;
    const moved = to > from ? to - from : from - to;
    if (moved * 10_000n > from * BigInt(thresholdBasisPoints)) {
      const [organisation, category] = k.split('\u0000');
      reasons.push(
        `RV1: ${organisation} ${category} moves from ${usd(from)} to ${usd(to)}, more than ${thresholdBasisPoints / 100}% of it`,
      );
    }
  }
  return reasons;
}
