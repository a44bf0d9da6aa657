import { Money } from '@fundline/money';
import { accountId } from '../ledger/chart-of-accounts';
import { PostedEntry } from '../ledger/ledger.service';
import { Commitment } from './commitment/commitment.aggregate';
import { Deposit } from './deposit/deposit.aggregate';

export interface MoneyView {
  amount: string;
  currency: string;
}

export interface DepositView {
  id: string;
  donorId: string;
  commitmentId: string | null;
  fundCode: string;
  pocketCode: string;
  original: MoneyView;
  usdRate: string;
  usd: MoneyView;
  fee: MoneyView;
  feeBasisPoints: number;
  depositDate: string;
  entryId: string;
  pocketAvailable: MoneyView;
}

export interface CommitmentView {
  id: string;
  donorId: string;
  fundCode: string;
  pocketCode: string;
  amount: MoneyView;
  schedule: Array<{ dueDate: string; amount: MoneyView }>;
  signedOn: string;
}

/** A deposit as answered and published: `posted` is its journal entry, with the pocket's balances after it. */
export function depositView(deposit: Deposit, posted: PostedEntry): DepositView {
  const available = posted.balances[accountId(deposit.fundCode, deposit.pocketCode, 'available')];
  return {
    id: deposit.id,
    donorId: deposit.donor.id,
    commitmentId: deposit.commitmentId,
    fundCode: deposit.fundCode,
    pocketCode: deposit.pocketCode,
    original: deposit.original.toJSON(),
    usdRate: deposit.rate.toDecimalString(),
    usd: deposit.usd.toJSON(),
    fee: deposit.fee.toJSON(),
    feeBasisPoints: deposit.feeBasisPoints,
    depositDate: deposit.depositDate,
    entryId: posted.entryId,
    pocketAvailable: Money.ofMinor(available, deposit.usd.currency).toJSON(),
  };
}

export function commitmentView({ terms }: Commitment): CommitmentView {
  return {
    id: terms.id,
    donorId: terms.donor.id,
    fundCode: terms.fundCode,
    pocketCode: terms.pocketCode,
    amount: terms.amount.toJSON(),
    schedule: terms.schedule.map((p) => ({ dueDate: p.dueDate, amount: p.amount.toJSON() })),
    signedOn: terms.signedOn,
  };
}
