import { Money } from '@fundline/money';
import { JournalEntry, POSTINGS } from '../ledger/journal-entry';

export const INCOME_KINDS = ['interest', 'other'] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];

/**
 * Interest or other income received into a pocket (M13 sources).
 *
 * Invariants:
 * - IncomeBecomesAvailableInItsPocket: it is posted as a receipt of the pocket, counted as income, never as a
 *   contribution, and no fee is taken on it (M9 takes the fee on deposits only).
 */
export interface IncomeInput {
  id: string;
  fundCode: string;
  pocketCode: string;
  kind: IncomeKind;
  amount: Money;
  receivedOn: string;
  description: string;
}

export class Income {
  private constructor(readonly income: Readonly<IncomeInput>) {}

  static receive(income: IncomeInput): Income {
    return new Income({ ...income });
  }

  journalEntry(): JournalEntry {
    const { id, fundCode, pocketCode, kind, amount, receivedOn, description } = this.income;
    return JournalEntry.create({
      fundCode,
      type: `income.${kind}`,
      currency: amount.currency,
      reference: { type: 'income', id },
      description: `${description} (received ${receivedOn})`,
      lines: POSTINGS.receipt({ fundCode, pocketCode }, amount.amountMinor, 'income'),
    });
  }
}
