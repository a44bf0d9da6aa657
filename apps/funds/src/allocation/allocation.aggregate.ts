import {
  addMonths,
  addYears,
  ApprovalCandidate,
  ApprovalContext,
  ApprovalTerms,
  dayOf,
  DomainError,
  FundPolicy,
  Obligation,
  Violation,
} from '@fundline/domain';
import { Money } from '@fundline/money';
import { JournalEntry, JournalLine, POSTINGS } from '../ledger/journal-entry';
import {
  BudgetBounds,
  BudgetLimits,
  BudgetLine,
  budgetAtApproval,
  budgetViolations,
  SubmittedBudgetLine,
  totalOf,
} from './revision/allocation-budget';

/**
 * An approved allocation and the money that follows it to closure.
 *
 * Invariants (rules.md):
 * - G4 OnlyAPipelineEntryIsApproved (in the pipeline or deferred).
 * - M7 AnExpiredEntryIsNotApproved.
 * - M8 AnApprovalStatesItsAmount, AboveZeroAndAtMostTheRequest.
 * - The fund's own approval rules hold (its policy: M9 earmark, F3, F4, F6…), on the parameters and lists in force.
 * - M10 TheSharesAddUpToTheApprovedAmount, one per organisation; CumulativeTransfersToAnOrganisationNeverExceedItsShare.
 * - M11 ExpenditureOfAnOrganisationNeverExceedsWhatWasTransferredToIt (the latest figure per year counts).
 * - M12 ClosureRefundsTheUnspentBalanceAndReleasesWhatWasNeverTransferred; nothing moves after closure.
 * - RV6 RevisionsAreRequestedAtLeastOneMonthBeforeTheEndDate, on an open allocation (M12).
 * - RV2 TheBudgetLinesAreWholeCentsAndAddUpToTheSharesAndTheAmount; M10 NoShareFallsBelowWhatWasTransferred.
 * - F4 / G5 AnIncreaseHoldsTheFundsApprovalRules (ceilings) and is committed on the ledger; a decrease is released.
 * - RV4 AnExtensionEndsAfterTheCurrentEndDate.
 * Every movement of money comes out of a method as the journal entries the ledger posts.
 */
export type AllocationStatus = 'approved' | 'under-implementation' | 'closed';

export interface Share {
  organisation: string;
  approvedMinor: bigint;
  transferredMinor: bigint;
  /** Expenditure per calendar year; a new report for a year replaces the earlier figure. */
  spentByYear: Record<string, bigint>;
}

export interface AllocationState {
  id: string;
  conceptId: string;
  fundCode: string;
  pocketCode: string;
  creditLine: 1 | 2 | null;
  amountMinor: bigint;
  status: AllocationStatus;
  startDate: string;
  endDate: string;
  shares: Share[];
  /** The budget by organisation and category (issue 14); its lines add up to the shares. */
  budget: BudgetLine[];
}

export interface Approval {
  allocation: Allocation;
  obligations: Obligation[];
  commitment: JournalEntry;
}

export function spent(share: Share): bigint {
  return Object.values(share.spentByYear).reduce((a, b) => a + b, 0n);
}

/** An approval: the committee's terms, its dates (by default two years from the approval day). */
export interface ApprovalRequest {
  allocationId: string;
  decisionId: string;
  candidate: ApprovalCandidate;
  terms: Omit<ApprovalTerms, 'amount'> & { amount?: Money; startDate?: string; endDate?: string };
  policy: FundPolicy;
  context: ApprovalContext;
  today: string;
  /** The submitted budget by category, scaled to the approved shares; null before budgets had categories. */
  submittedBudget?: readonly SubmittedBudgetLine[] | null;
}

export class Allocation {
  constructor(readonly state: AllocationState) {}

  /** G4, M7, M8 and the fund's rules, then M10: the allocation, the reports it owes and its commitment. */
  static approve({
    allocationId,
    decisionId,
    candidate,
    terms,
    policy,
    context,
    today,
    submittedBudget,
  }: ApprovalRequest): Approval {
    if (!['in-pipeline', 'deferred'].includes(candidate.status)) {
      throw new DomainError(
        'ALLOCATION.NOT_IN_PIPELINE',
        `${candidate.conceptId} is ${candidate.status}; only an eligible pipeline entry is approved (G4)`,
        'conflict',
        [{ field: 'conceptId', rule: 'G4', message: `${candidate.status} → approved is not an allowed transition` }],
        { conceptId: candidate.conceptId, status: candidate.status },
        'APPROVAL',
      );
    }
    const { amount } = terms;
    if (!amount) {
      throw DomainError.invalid('ALLOCATION.AMOUNT', [
        { field: 'amount', rule: 'M8', message: 'an approval states its amount' },
      ]);
    }
    const approved = { ...terms, amount };
    const earmark = policy.earmark(candidate, approved);
    const broken: Violation[] = [];
    if (candidate.expiresAt && candidate.expiresAt <= context.now) {
      broken.push({
        field: 'conceptId',
        rule: 'M7',
        message: `the pipeline entry expired on ${dayOf(candidate.expiresAt)}`,
      });
    }
    if (!amount.isPositive() || amount.compare(candidate.requested) > 0) {
      broken.push({
        field: 'amount',
        rule: 'M8',
        message: `the approved amount is above zero and at most the request (${candidate.requested.toDecimalString()})`,
        limit: candidate.requested.toDecimalString(),
      });
    }
    broken.push(...policy.approvalViolations(candidate, approved, earmark, context));
    if (broken.length > 0) throw DomainError.invalid('ALLOCATION.NOT_APPROVABLE', broken);

    const shares = policy.shares(approved);
    const startDate = terms.startDate ?? today;
    const endDate = terms.endDate ?? addYears(startDate, 2);
    const approvedShares = shares.map((s) => ({ organisation: s.organisation, amountMinor: s.amount.amountMinor }));
    const allocation = new Allocation({
      id: allocationId,
      conceptId: candidate.conceptId,
      fundCode: policy.code,
      pocketCode: earmark.pocketCode,
      creditLine: earmark.creditLine,
      amountMinor: amount.amountMinor,
      status: 'approved',
      startDate,
      endDate,
      shares: shares.map((s) => ({
        organisation: s.organisation,
        approvedMinor: s.amount.amountMinor,
        transferredMinor: 0n,
        spentByYear: {},
      })),
      budget: budgetAtApproval(submittedBudget ?? null, approvedShares),
    });
    const commitment = JournalEntry.create({
      fundCode: policy.code,
      type: 'allocation.commitment',
      currency: amount.currency,
      reference: { type: 'allocation', id: allocationId },
      description: `Allocation to ${candidate.conceptId} approved (decision ${decisionId})`,
      lines: POSTINGS.commitment(allocation.pocket, amount.amountMinor),
    });
    return { allocation, obligations: policy.obligations(startDate, endDate), commitment };
  }

  get pocket() {
    return { fundCode: this.state.fundCode, pocketCode: this.state.pocketCode };
  }

  share(organisation: string): Share {
    const share = this.state.shares.find((s) => s.organisation === organisation);
    if (!share) {
      throw DomainError.invalid(
        'ALLOCATION.UNKNOWN_ORGANISATION',
        [
          {
            field: 'organisation',
            rule: 'M10',
            message: `${organisation} has no share in allocation ${this.state.id}`,
          },
        ],
        'invalid',
        { organisation, allocationId: this.state.id },
      );
    }
    return share;
  }

  private assertOpen(): void {
    if (this.state.status === 'closed') {
      throw new DomainError(
        'ALLOCATION.CLOSED',
        `allocation ${this.state.id} is closed`,
        'conflict',
        [{ rule: 'M12', message: 'nothing changes on a closed allocation' }],
        { id: this.state.id },
      );
    }
  }

  /** M10: a tranche to an organisation within its share; the first one puts the programme under implementation. */
  transfer(transferId: string, organisation: string, amount: Money): JournalEntry {
    this.assertOpen();
    const share = this.share(organisation);
    const after = share.transferredMinor + amount.amountMinor;
    if (!amount.isPositive() || after > share.approvedMinor) {
      const room = Money.ofMinor(share.approvedMinor - share.transferredMinor, amount.currency).toDecimalString();
      const approved = Money.ofMinor(share.approvedMinor, amount.currency).toDecimalString();
      throw DomainError.invalid(
        'TRANSFER.ABOVE_SHARE',
        [
          {
            field: 'amount',
            rule: 'M10',
            message: `${organisation} may receive at most ${room} more (share ${approved})`,
            limit: room,
          },
        ],
        'invalid',
        { organisation, room, share: approved },
      );
    }
    share.transferredMinor = after;
    this.state.status = 'under-implementation';
    return this.entry('allocation.transfer', transferId, POSTINGS.transfer(this.pocket, amount.amountMinor));
  }

  /** M11: the year's figure for an organisation; its total spending stays within what it received. */
  reportExpenditure(organisation: string, year: number, amount: Money): void {
    this.assertOpen();
    const share = this.share(organisation);
    const total = spent(share) - (share.spentByYear[String(year)] ?? 0n) + amount.amountMinor;
    if (amount.isNegative() || total > share.transferredMinor) {
      const transferred = Money.ofMinor(share.transferredMinor, amount.currency).toDecimalString();
      throw DomainError.invalid(
        'EXPENDITURE.ABOVE_TRANSFERS',
        [
          {
            field: 'amount',
            rule: 'M11',
            message: `${organisation} would have spent more than the ${transferred} transferred to it`,
            limit: transferred,
          },
        ],
        'invalid',
        { organisation, transferred },
      );
    }
    share.spentByYear = { ...share.spentByYear, [String(year)]: amount.amountMinor };
  }

  /** RV6: a revision of an open allocation, requested at least one month before its end date. */
  assertRevisable(today: string): void {
    this.assertOpen();
    if (addMonths(today, 1) > this.state.endDate) {
      throw DomainError.invalid(
        'REVISION.TOO_LATE',
        [
          {
            field: 'kind',
            rule: 'RV6',
            message: `revisions are requested at least one month before the end date ${this.state.endDate}`,
            limit: addMonths(this.state.endDate, -1),
          },
        ],
        'invalid',
        { endDate: this.state.endDate },
      );
    }
  }

  /** RV2, M10: a revised budget checked against the organisations taking part, the categories and the transfers. */
  checkBudget(
    total: Money,
    lines: ReadonlyArray<{ organisation: string; category: string; amount: Money }>,
    categories: BudgetBounds['categories'],
    limits: BudgetLimits,
  ): BudgetLine[] {
    const organisations = new Map(this.state.shares.map((s) => [s.organisation, s]));
    const { malformed, broken } = budgetViolations(lines, total, { organisations, categories, limits });
    if (malformed.length > 0) throw DomainError.invalid('REVISION.BUDGET_UNKNOWN', malformed, 'malformed');
    if (broken.length > 0) throw DomainError.invalid('REVISION.BUDGET', broken);
    return lines.map((l) => ({
      organisation: l.organisation,
      category: l.category,
      amountMinor: l.amount.amountMinor,
    }));
  }

  /**
   * A revised budget in force: the lines, the shares they add up to and the new amount. An increase must hold the
   * fund's approval rules on the new amount (F4 ceilings; `rules`) and is committed from the pocket's available balance
   * (G5, checked by the ledger as it posts); a decrease releases the difference. Returns the entries to post.
   */
  applyBudget(lines: BudgetLine[], revisionId: string, rules: (amount: Money) => Violation[]): JournalEntry[] {
    this.assertOpen();
    const amountMinor = totalOf(lines);
    const deltaMinor = amountMinor - this.state.amountMinor;
    if (deltaMinor > 0n) {
      const broken = rules(Money.ofMinor(amountMinor, 'USD'));
      if (broken.length > 0) throw DomainError.invalid('REVISION.NOT_APPROVABLE', broken);
    }
    for (const share of this.state.shares) {
      share.approvedMinor = totalOf(lines.filter((l) => l.organisation === share.organisation));
      if (share.approvedMinor < share.transferredMinor) {
        throw new Error(`M10 broken: ${share.organisation} would have less than it received`);
      }
    }
    if (totalOf(this.state.shares.map((s) => ({ amountMinor: s.approvedMinor }))) !== amountMinor) {
      throw new Error('RV2 broken: budget lines of an organisation without a share');
    }
    this.state.budget = lines;
    this.state.amountMinor = amountMinor;
    if (deltaMinor > 0n) {
      return [this.entry('allocation.commitment', revisionId, POSTINGS.commitment(this.pocket, deltaMinor))];
    }
    if (deltaMinor < 0n) {
      return [this.entry('allocation.release', revisionId, POSTINGS.release(this.pocket, -deltaMinor))];
    }
    return [];
  }

  /** RV4: a no-cost extension ends after the current end date. */
  checkExtension(newEndDate: string): void {
    if (newEndDate <= this.state.endDate) {
      throw DomainError.invalid(
        'REVISION.END_DATE',
        [{ field: 'newEndDate', rule: 'RV4', message: `a no-cost extension ends after ${this.state.endDate}` }],
        'invalid',
        { endDate: this.state.endDate },
      );
    }
  }

  /** RV4: the new end date in force; the caller re-derives the reports owed from the fund's schedule. */
  extend(newEndDate: string): void {
    this.assertOpen();
    this.checkExtension(newEndDate);
    this.state.endDate = newEndDate;
  }

  /** M12: closes with the final reports; the unspent balance comes back and what was never transferred is released. */
  close(): { refundMinor: bigint; releaseMinor: bigint; entries: JournalEntry[] } {
    this.assertOpen();
    const refundMinor = this.state.shares.reduce((sum, s) => sum + s.transferredMinor - spent(s), 0n);
    const releaseMinor = this.state.shares.reduce((sum, s) => sum + s.approvedMinor - s.transferredMinor, 0n);
    this.state.status = 'closed';
    const entries = [
      ...(releaseMinor > 0n
        ? [this.entry('allocation.release', this.state.id, POSTINGS.release(this.pocket, releaseMinor))]
        : []),
      ...(refundMinor > 0n
        ? [this.entry('allocation.refund', this.state.id, POSTINGS.receipt(this.pocket, refundMinor, 'refunds'))]
        : []),
    ];
    return { refundMinor, releaseMinor, entries };
  }

  private entry(type: string, referenceId: string, lines: JournalLine[]): JournalEntry {
    return JournalEntry.create({
      fundCode: this.state.fundCode,
      type,
      currency: 'USD',
      reference: { type: type.split('.')[1], id: referenceId },
      description: `${type} of allocation ${this.state.id} (${this.state.conceptId})`,
      lines,
    });
  }
}
