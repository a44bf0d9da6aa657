import { Money } from '@fundline/money';
import { Allocation, spent } from './allocation.aggregate';
import { budgetLinesView } from './revision/revision.view';

/** An allocation as its API shows it: per organisation, what was approved, transferred and spent; its budget lines. */
export function allocationView(a: Allocation) {
  const usd = (m: bigint) => Money.ofMinor(m, 'USD').toJSON();
  return {
    id: a.state.id,
    conceptId: a.state.conceptId,
    fundCode: a.state.fundCode,
    pocketCode: a.state.pocketCode,
    creditLine: a.state.creditLine,
    amount: usd(a.state.amountMinor),
    status: a.state.status,
    startDate: a.state.startDate,
    endDate: a.state.endDate,
    shares: a.state.shares.map((s) => ({
      organisation: s.organisation,
      approved: usd(s.approvedMinor),
      transferred: usd(s.transferredMinor),
      spent: usd(spent(s)),
      deliveryRate: s.transferredMinor === 0n ? null : Number((spent(s) * 10000n) / s.transferredMinor) / 10000,
    })),
    budget: budgetLinesView(a.state.budget),
  };
}
