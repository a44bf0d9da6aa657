import { Money } from '@fundline/money';
import { BudgetLine, totalOf } from './allocation-budget';
import { Revision } from './revision';

const usd = (minor: bigint) => Money.ofMinor(minor, 'USD').toJSON();

export const budgetLinesView = (lines: readonly BudgetLine[]) =>
  lines.map((l) => ({ organisation: l.organisation, category: l.category, amount: usd(l.amountMinor) }));

/** A revision as its API shows it: what was asked, why it waits (RV1), and the decision. */
export function revisionView(r: Revision) {
  const s = r.state;
  return {
    id: s.id,
    allocationId: s.allocationId,
    kind: s.kind,
    status: s.status,
    justification: s.justification,
    requested: {
      ...(s.budget ? { amount: usd(totalOf(s.budget)), budget: budgetLinesView(s.budget) } : {}),
      ...(s.newEndDate ? { newEndDate: s.newEndDate } : {}),
      ...(s.scope ? { scope: s.scope } : {}),
    },
    needsApprovalBecause: s.needsApprovalBecause,
    requestedBy: { userId: s.requestedBy.userId, role: s.requestedBy.role },
    requestedAt: s.requestedAt.toISOString(),
    decision: s.decision
      ? {
          decision: s.status,
          reason: s.decision.reason,
          decidedBy: s.decision.by,
          decidedAt: s.decision.at.toISOString(),
        }
      : null,
  };
}
