import { Money, shareOf } from '@fundline/money';

/**
 * F9: how much the two Fund 1035 credit lines receive for a year, from what a finance officer records.
 * - Line 1 receives its annual allocation (USD 1.4 million initially).
 * - Line 2 receives 25% of discretionary income above the USD 20.5 million estimate, plus direct voluntary
 *   contributions to the fund.
 * - The total made available from income (voluntary contributions aside) never exceeds total miscellaneous income
 *   (unearmarked contributions plus interest income). Line 1 is served first: it is the fixed allocation, Line 2
 *   the variable share (docs/domain-decisions.md).
 */
export interface LineFundingInputs {
  line1AnnualAllocation: Money;
  discretionaryIncome: Money;
  discretionaryIncomeEstimate: Money;
  line2ShareBasisPoints: number;
  miscellaneousIncome: Money;
  directVoluntaryContributions: Money;
}

export interface ComputationStep {
  step: string;
  formula: string;
  result: Money;
}

export interface LineFunding {
  line1: Money;
  line2: Money;
  steps: ComputationStep[];
}

const max = (a: Money, b: Money) => (a.compare(b) >= 0 ? a : b);
const min = (a: Money, b: Money) => (a.compare(b) <= 0 ? a : b);

export function computeLineFunding(inputs: LineFundingInputs): LineFunding {
  const zero = Money.zero(inputs.discretionaryIncome.currency);
  const fmt = (m: Money) => m.toDecimalString();
  const steps: ComputationStep[] = [];
  const step = (name: string, formula: string, result: Money) => {
    steps.push({ step: name, formula, result });
    return result;
  };

  const excess = step(
    'discretionary income above the estimate',
    `max(0, ${fmt(inputs.discretionaryIncome)} − ${fmt(inputs.discretionaryIncomeEstimate)})`,
    max(zero, inputs.discretionaryIncome.minus(inputs.discretionaryIncomeEstimate)),
  );
  const line2Share = step(
    'Line 2 share of the excess',
    `${inputs.line2ShareBasisPoints / 100}% × ${fmt(excess)}`,
    shareOf(excess, inputs.line2ShareBasisPoints),
  );
  const line1 = step(
    'Line 1 annual allocation, within miscellaneous income',
    `min(${fmt(inputs.line1AnnualAllocation)}, ${fmt(inputs.miscellaneousIncome)})`,
    min(inputs.line1AnnualAllocation, inputs.miscellaneousIncome),
  );
  const room = step(
    'miscellaneous income left after Line 1',
    `${fmt(inputs.miscellaneousIncome)} − ${fmt(line1)}`,
    inputs.miscellaneousIncome.minus(line1),
  );
  const line2FromIncome = step(
    'Line 2 from income, capped by what is left',
    `min(${fmt(line2Share)}, ${fmt(room)})`,
    min(line2Share, room),
  );
  const line2 = step(
    'Line 2 with direct voluntary contributions',
    `${fmt(line2FromIncome)} + ${fmt(inputs.directVoluntaryContributions)}`,
    line2FromIncome.plus(inputs.directVoluntaryContributions),
  );
  return { line1, line2, steps };
}
