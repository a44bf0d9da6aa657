import { DomainError, FundPolicy, PocketDefinition } from '@fundline/domain';
import { Money } from '@fundline/money';
import { JournalEntry, POSTINGS } from '../ledger/journal-entry';
import { computeLineFunding, LineFunding as ComputedFunding } from './line-funding.formula';

/**
 * A year's funding of a fund's two credit lines (F9), computed step by step and posted line by line (F2).
 *
 * Invariants:
 * - OnlyAFundWithTwoCreditLinesIsFundedByLine (F2): its policy has a Line 1 and a Line 2 pocket.
 * - LineFundingIsInUsd (G1): F9 amounts are recorded in USD.
 * - AYearIsFundedOnlyOnceOpen (F9).
 * - AYearIsFundedOnce (F9): a correction is a reversing entry, never a second funding.
 * - EachLineIsPostedToItsOwnPocket (F2): the lines are never mixed; a line that receives nothing posts nothing.
 */
export interface CreditLines {
  line1: PocketDefinition;
  line2: PocketDefinition;
}

export interface LineFundingInputs {
  line1AnnualAllocation: Money;
  discretionaryIncome: Money;
  miscellaneousIncome: Money;
  directVoluntaryContributions: Money;
}

/** What the fund's records say about the year, read under lock. */
export interface FundingYear {
  year: number;
  isOpen: boolean;
  isFunded: boolean;
}

export class LineFunding {
  /** Fund parameters of F9 (configurable): the discretionary income estimate and Line 2's share of the excess. */
  static readonly DISCRETIONARY_INCOME_ESTIMATE = Money.parse('20500000.00', 'USD');
  static readonly LINE_2_SHARE_BASIS_POINTS = 2500;

  private constructor(
    readonly id: string,
    readonly fundCode: string,
    readonly year: number,
    readonly lines: CreditLines,
    readonly computed: ComputedFunding,
  ) {}

  /** The credit lines of a fund, or a 404: a fund without them has no credit-line funding to record. */
  static creditLinesOf(policy: FundPolicy): CreditLines {
    const line = (n: 1 | 2) => policy.pockets.find((p) => p.kind === 'credit-line' && p.creditLine === n);
    const [line1, line2] = [line(1), line(2)];
    if (!line1 || !line2) {
      throw new DomainError(
        'LINE_FUNDING.NO_CREDIT_LINES',
        `${policy.code} is not funded by credit line: it has no Line 1 and Line 2`,
        'not-found',
        [],
        { fundCode: policy.code },
      );
    }
    return { line1, line2 };
  }

  static compute(id: string, policy: FundPolicy, year: FundingYear, inputs: LineFundingInputs): LineFunding {
    const lines = LineFunding.creditLinesOf(policy);
    if (Object.values(inputs).some((m) => m.currency !== 'USD')) {
      throw DomainError.invalid('LINE_FUNDING.CURRENCY', [{ rule: 'G1', message: 'F9 amounts are recorded in USD' }]);
    }
    if (!year.isOpen) {
      throw DomainError.invalid(
        'LINE_FUNDING.YEAR_NOT_OPEN',
        [{ field: 'year', rule: 'F9', message: `fund year ${year.year} of ${policy.code} is not open` }],
        'invalid',
        { year: year.year, fundCode: policy.code },
      );
    }
    if (year.isFunded) {
      throw new DomainError(
        'LINE_FUNDING.ALREADY_RECORDED',
        `the credit lines of ${policy.code} are already funded for ${year.year}; correct it with a reversing entry`,
        'conflict',
        [],
        { fundCode: policy.code, year: year.year },
      );
    }
    const computed = computeLineFunding({
      ...inputs,
      discretionaryIncomeEstimate: LineFunding.DISCRETIONARY_INCOME_ESTIMATE,
      line2ShareBasisPoints: LineFunding.LINE_2_SHARE_BASIS_POINTS,
    });
    return new LineFunding(id, policy.code, year.year, lines, computed);
  }

  /** One receipt per line that receives money, each into its own pocket. */
  journalEntries(): JournalEntry[] {
    const { line1, line2 } = this.lines;
    const received: Array<[PocketDefinition, Money]> = [
      [line1, this.computed.line1],
      [line2, this.computed.line2],
    ];
    return received
      .filter(([, amount]) => amount.isPositive())
      .map(([pocket, amount]) =>
        JournalEntry.create({
          fundCode: this.fundCode,
          type: 'credit-line.funding',
          currency: amount.currency,
          reference: { type: 'line-funding', id: this.id },
          description: `Line ${pocket.creditLine} funding for ${this.year} (F9)`,
          lines: POSTINGS.receipt(
            { fundCode: this.fundCode, pocketCode: pocket.code },
            amount.amountMinor,
            'contributions',
          ),
        }),
      );
  }
}
