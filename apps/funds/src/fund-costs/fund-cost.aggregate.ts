import { FundCostKind } from '@fundline/contracts';
import { DomainError } from '@fundline/domain';
import { Money } from '@fundline/money';
import { JournalEntry, POSTINGS } from '../ledger/journal-entry';

/**
 * A cost of running a fund paid out of a pocket (M13 uses besides transfers and the fee): a direct cost or a bank
 * charge.
 *
 * Invariants:
 * - DirectCostsAreNeverPaidFromEarmarkedMoney (M9): earmarked money funds only its thematic area, so a direct cost,
 *   which serves the whole fund, is never charged to a thematic window; a bank charge follows the account that paid it.
 * - ACostIsPaidFromAvailableMoney (G5): the posting takes it from the pocket's available balance, never from committed
 *   money, and the ledger refuses to overdraw it.
 */
export interface FundCostInput {
  id: string;
  fundCode: string;
  pocket: { code: string; kind: string };
  kind: FundCostKind;
  amount: Money;
  incurredOn: string;
  description: string;
}

const ACCOUNT_OF: Record<FundCostKind, 'directCosts' | 'bankCharges'> = {
  'direct-cost': 'directCosts',
  'bank-charge': 'bankCharges',
};

export class FundCost {
  private constructor(readonly cost: Readonly<FundCostInput>) {}

  static record(cost: FundCostInput): FundCost {
    if (cost.kind === 'direct-cost' && cost.pocket.kind === 'thematic-window') {
      throw DomainError.invalid(
        'FUND_COST.EARMARKED',
        [
          {
            field: 'pocketCode',
            rule: 'M9',
            message: `${cost.pocket.code} holds earmarked money, which funds only its thematic area: charge direct costs to the unearmarked pool`,
          },
        ],
        'invalid',
        { pocketCode: cost.pocket.code },
      );
    }
    return new FundCost({ ...cost });
  }

  journalEntry(): JournalEntry {
    const { id, fundCode, pocket, kind, amount, incurredOn, description } = this.cost;
    return JournalEntry.create({
      fundCode,
      type: `cost.${kind}`,
      currency: amount.currency,
      reference: { type: 'fund-cost', id },
      description: `${description} (${incurredOn})`,
      lines: POSTINGS.cost({ fundCode, pocketCode: pocket.code }, amount.amountMinor, ACCOUNT_OF[kind]),
    });
  }
}
