import { DomainError, FundPolicy } from '@fundline/domain';
import { ExchangeRate, Money, shareOf } from '@fundline/money';
import { PocketRef } from '../../ledger/chart-of-accounts';
import { JournalEntry, POSTINGS } from '../../ledger/journal-entry';
import { unknownReference } from '../contribution-errors';

/**
 * A deposit received from a donor (G1, M9).
 *
 * Invariants:
 * - DepositSettlesACommitmentOfItsOwnDonor (M9): a deposit that names a commitment names one its donor signed.
 * - DepositGoesWhereItWasCommitted (M9): into the fund and pocket of that commitment; earmarked money funds only that.
 * - AUsdDepositHasARateOfExactlyOne (G1).
 * - DepositIsWorthACentInUsd (G1): its USD equivalent does not round to zero.
 * - DepositKeepsItsOriginal (G1): the original amount and currency, the rate and the USD equivalent at that rate.
 * - TheFeeIsTakenOnReceipt (M9): the Administrative Agent fee, the fund policy's basis points of the USD equivalent
 *   rounded half up, leaves the pocket with the deposit; the rest becomes available in the pocket it was earmarked to.
 */
export interface DepositFund {
  code: string;
  reportingCurrency: string;
}

/** The commitment a deposit settles, as the donor signed it. */
export interface SettledCommitment {
  id: string;
  donorId: string;
  fundCode: string;
  pocketCode: string;
}

export interface DepositReceipt {
  id: string;
  fund: DepositFund;
  policy: Pick<FundPolicy, 'feeBasisPoints'>;
  pocketCode: string;
  donor: { id: string; name: string };
  /** The commitment the request names, and what was found under that id (null: none). */
  commitmentId?: string;
  commitment?: SettledCommitment | null;
  original: Money;
  rate: ExchangeRate;
  depositDate: string;
}

export class Deposit {
  private constructor(
    readonly id: string,
    readonly fundCode: string,
    readonly pocketCode: string,
    readonly donor: { id: string; name: string },
    readonly commitmentId: string | null,
    readonly original: Money,
    readonly rate: ExchangeRate,
    readonly usd: Money,
    readonly fee: Money,
    readonly feeBasisPoints: number,
    readonly depositDate: string,
  ) {}

  static receive(receipt: DepositReceipt): Deposit {
    const { fund, donor, original, rate } = receipt;
    const commitmentId = receipt.commitmentId ?? null;
    if (commitmentId) {
      const commitment = receipt.commitment;
      if (!commitment || commitment.donorId !== donor.id) {
        throw unknownReference('commitmentId', `no commitment ${commitmentId} of donor ${donor.id}`);
      }
      if (commitment.fundCode !== fund.code || commitment.pocketCode !== receipt.pocketCode) {
        throw DomainError.invalid(
          'DEPOSIT.NOT_AS_COMMITTED',
          [
            {
              field: 'pocketCode',
              rule: 'M9',
              message: `the commitment is to ${commitment.fundCode}/${commitment.pocketCode}; earmarked money funds only that`,
            },
          ],
          'invalid',
          { fundCode: commitment.fundCode, pocketCode: commitment.pocketCode },
        );
      }
    }
    if (original.currency === fund.reportingCurrency && rate.scaled !== 10n ** BigInt(rate.scale)) {
      throw DomainError.invalid('DEPOSIT.RATE', [
        { field: 'usdRate', rule: 'G1', message: 'a USD deposit has a rate of exactly 1', limit: '1' },
      ]);
    }
    const usd = rate.convert(original, fund.reportingCurrency);
    if (!usd.isPositive()) {
      throw DomainError.invalid('DEPOSIT.TOO_SMALL', [
        { field: 'amount', rule: 'G1', message: 'the USD equivalent rounds to zero', limit: '0.01' },
      ]);
    }
    const feeBasisPoints = receipt.policy.feeBasisPoints;
    return new Deposit(
      receipt.id,
      fund.code,
      receipt.pocketCode,
      donor,
      commitmentId,
      original,
      rate,
      usd,
      shareOf(usd, feeBasisPoints),
      feeBasisPoints,
      receipt.depositDate,
    );
  }

  get pocket(): PocketRef {
    return { fundCode: this.fundCode, pocketCode: this.pocketCode };
  }

  /** The receipt of the USD equivalent as a contribution, and the fee out of it, in one entry. */
  journalEntry(): JournalEntry {
    return JournalEntry.create({
      fundCode: this.fundCode,
      type: 'contribution.deposit',
      currency: this.usd.currency,
      reference: { type: 'deposit', id: this.id },
      description: `Deposit from ${this.donor.name}: ${this.original.toDecimalString()} ${this.original.currency} at ${this.rate.toDecimalString()}; Administrative Agent fee ${this.feeBasisPoints} bp`,
      lines: [
        ...POSTINGS.receipt(this.pocket, this.usd.amountMinor, 'contributions'),
        ...POSTINGS.fee(this.pocket, this.fee.amountMinor),
      ],
    });
  }
}
