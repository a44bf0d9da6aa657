import { DomainError } from '@fundline/domain';
import { Money } from '@fundline/money';

/**
 * A donor's signed commitment (pledge) to a fund's pocket, with its payment schedule (M9). A pledge moves no money,
 * so it posts nothing to the ledger.
 *
 * Invariants:
 * - ScheduledPaymentsAreInTheCommitmentCurrency (M9).
 * - TheScheduleAddsUpToTheCommitment (M9): a schedule, when there is one, sums exactly to the amount pledged.
 */
export interface ScheduledPayment {
  dueDate: string;
  amount: Money;
}

export interface CommitmentTerms {
  id: string;
  donor: { id: string; name: string; type: string };
  fundCode: string;
  pocketCode: string;
  amount: Money;
  schedule: readonly ScheduledPayment[];
  signedOn: string;
}

export class Commitment {
  private constructor(readonly terms: Readonly<CommitmentTerms>) {}

  static sign(terms: CommitmentTerms): Commitment {
    const { amount, schedule } = terms;
    let scheduled = Money.zero(amount.currency);
    for (const [i, payment] of schedule.entries()) {
      if (payment.amount.currency !== amount.currency) {
        throw DomainError.invalid(
          'COMMITMENT.SCHEDULE',
          [{ field: `schedule.${i}.amount.currency`, rule: 'M9', message: `payments are in ${amount.currency}` }],
          'invalid',
          { currency: amount.currency },
          'CURRENCY',
        );
      }
      scheduled = scheduled.plus(payment.amount);
    }
    if (schedule.length > 0 && !scheduled.equals(amount)) {
      throw DomainError.invalid(
        'COMMITMENT.SCHEDULE',
        [
          {
            field: 'schedule',
            rule: 'M9',
            message: `the schedule adds up to ${scheduled.toDecimalString()}, the commitment is ${amount.toDecimalString()}`,
            limit: amount.toDecimalString(),
          },
        ],
        'invalid',
        { scheduled: scheduled.toDecimalString(), amount: amount.toDecimalString() },
      );
    }
    return new Commitment({ ...terms, schedule: [...schedule] });
  }
}
