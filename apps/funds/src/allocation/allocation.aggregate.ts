import { DomainError } from '@fundline/domain';
import { Money } from '@fundline/money';

/**
 * An approved allocation and the money that follows it to closure.
 *
 * Invariants (rules.md):
 * - M10 CumulativeTransfersToAnOrganisationNeverExceedItsApprovedShare.
 * - M11 ExpenditureOfAnOrganisationNeverExceedsWhatWasTransferredToIt (the latest figure per year counts).
 * - M12 ClosureRefundsTheUnspentBalanceAndReleasesWhatWasNeverTransferred; nothing moves after closure.
 * - Revisions (budget revision, no-cost extension) are requested at least one month before the end date.
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
  creditLine: number | null;
  status: AllocationStatus;
  startDate: string;
  endDate: string;
  shares: Share[];
}

export interface Obligation {
  kind: string;
  dueOn: string;
}

const addMonths = (date: string, months: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

export function spent(share: Share): bigint {
  return Object.values(share.spentByYear).reduce((a, b) => a + b, 0n);
}

export class Allocation {
  constructor(readonly state: AllocationState) {}

  private share(organisation: string): Share {
    const share = this.state.shares.find((s) => s.organisation === organisation);
    if (!share) {
      throw DomainError.invalid('ALLOCATION.UNKNOWN_ORGANISATION', [
        { field: 'organisation', rule: 'M10', message: `${organisation} has no share in allocation ${this.state.id}` },
      ]);
    }
    return share;
  }

  private assertOpen(): void {
    if (this.state.status === 'closed') {
      throw new DomainError('ALLOCATION.CLOSED', `allocation ${this.state.id} is closed`, 'conflict');
    }
  }

  /** M10. Returns whether this was the first transfer (the programme is then funded and under implementation). */
  transfer(organisation: string, amount: Money): boolean {
    this.assertOpen();
    const share = this.share(organisation);
    const after = share.transferredMinor + amount.amountMinor;
    if (!amount.isPositive() || after > share.approvedMinor) {
      const room = Money.ofMinor(share.approvedMinor - share.transferredMinor, amount.currency);
      throw DomainError.invalid('TRANSFER.ABOVE_SHARE', [
        {
          field: 'amount',
          rule: 'M10',
          message: `${organisation} may receive at most ${room.toDecimalString()} more (share ${Money.ofMinor(share.approvedMinor, amount.currency).toDecimalString()})`,
          limit: room.toDecimalString(),
        },
      ]);
    }
    const first = this.state.status === 'approved';
    share.transferredMinor = after;
    this.state.status = 'under-implementation';
    return first;
  }

  /** M11: the year's figure for an organisation; its total spending stays within what it received. */
  reportExpenditure(organisation: string, year: number, amount: Money): void {
    this.assertOpen();
    const share = this.share(organisation);
    const total = spent(share) - (share.spentByYear[String(year)] ?? 0n) + amount.amountMinor;
    if (amount.isNegative() || total > share.transferredMinor) {
      const transferred = Money.ofMinor(share.transferredMinor, amount.currency).toDecimalString();
      throw DomainError.invalid('EXPENDITURE.ABOVE_TRANSFERS', [
        {
          field: 'amount',
          rule: 'M11',
          message: `${organisation} would have spent more than the ${transferred} transferred to it`,
          limit: transferred,
        },
      ]);
    }
    share.spentByYear = { ...share.spentByYear, [String(year)]: amount.amountMinor };
  }

  /** A budget revision or no-cost extension, requested at least one month before the end date. */
  revise(kind: 'budget-revision' | 'no-cost-extension', today: string, newEndDate: string | null): void {
    this.assertOpen();
    const latest = addMonths(today, 1);
    if (latest > this.state.endDate) {
      throw DomainError.invalid('REVISION.TOO_LATE', [
        {
          field: 'kind',
          rule: 'revision',
          message: `revisions are requested at least one month before the end date ${this.state.endDate}`,
          limit: addMonths(this.state.endDate, -1),
        },
      ]);
    }
    if (kind === 'no-cost-extension') {
      if (!newEndDate || newEndDate <= this.state.endDate) {
        throw DomainError.invalid('REVISION.END_DATE', [
          { field: 'newEndDate', rule: 'revision', message: `a no-cost extension ends after ${this.state.endDate}` },
        ]);
      }
      this.state.endDate = newEndDate;
    }
  }

  /** M12: closes with the final reports; returns what goes back to the pocket. */
  close(): { refundMinor: bigint; releaseMinor: bigint } {
    this.assertOpen();
    const refundMinor = this.state.shares.reduce((sum, s) => sum + s.transferredMinor - spent(s), 0n);
    const releaseMinor = this.state.shares.reduce((sum, s) => sum + s.approvedMinor - s.transferredMinor, 0n);
    this.state.status = 'closed';
    return { refundMinor, releaseMinor };
  }

  /**
   * F12 and M11: the reports an allocation owes. Monitoring framework within the first month; an interim narrative
   * report at twelve months for projects of twelve months or more; final narrative and financial reports three months
   * after the end; ex-post evaluation within twelve months of completion (Fund 1035); for the Migration MPTF, each
   * year's expenditure by 30 April of the next year.
   */
  static obligations(fundCode: string, startDate: string, endDate: string): Obligation[] {
    const months =
      (Number(endDate.slice(0, 4)) - Number(startDate.slice(0, 4))) * 12 +
      Number(endDate.slice(5, 7)) -
      Number(startDate.slice(5, 7));
    const list: Obligation[] = [{ kind: 'monitoring-framework', dueOn: addMonths(startDate, 1) }];
    if (months >= 12) list.push({ kind: 'interim-narrative-report', dueOn: addMonths(startDate, 12) });
    list.push({ kind: 'final-narrative-report', dueOn: addMonths(endDate, 3) });
    list.push({ kind: 'final-financial-report', dueOn: addMonths(endDate, 3) });
    if (fundCode === 'FUND_1035') list.push({ kind: 'ex-post-evaluation', dueOn: addMonths(endDate, 12) });
    if (fundCode === 'MIGRATION_MPTF') {
      for (let year = Number(startDate.slice(0, 4)); year <= Number(endDate.slice(0, 4)); year++) {
        list.push({ kind: `annual-expenditure-${year}`, dueOn: `${year + 1}-04-30` });
      }
    }
    return list;
  }
}
