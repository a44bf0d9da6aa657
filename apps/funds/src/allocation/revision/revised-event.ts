import { AllocationRevisedV2 } from '@fundline/contracts';
import { Money } from '@fundline/money';
import { Allocation } from '../allocation.aggregate';
import { ObligationMoves } from './obligation-moves';
import { Revision } from './revision';
import { budgetLinesView } from './revision.view';

const usd = (minor: bigint) => Money.ofMinor(minor, 'USD').toJSON();

/** `allocation.revised.v2`: a revision in force, with what the read model needs of the allocation after it. */
export function revisedEvent(
  revision: Revision,
  allocation: Allocation,
  before: { amountMinor: bigint; endDate: string },
  obligations: { moved: ObligationMoves['moved']; added: Array<{ obligationId: string; kind: string; dueOn: string }> },
  now: Date,
): AllocationRevisedV2 {
  const a = allocation.state;
  const r = revision.state;
  return {
    revisionId: r.id,
    allocationId: a.id,
    conceptId: a.conceptId,
    fund: a.fundCode,
    kind: r.kind,
    approval: r.status === 'recorded' ? 'recorded' : 'approved',
    justification: r.justification,
    previousEndDate: before.endDate,
    endDate: a.endDate,
    ...(r.kind === 'budget-revision'
      ? {
          budget: {
            previousAmount: usd(before.amountMinor),
            amount: usd(a.amountMinor),
            shares: a.shares.map((s) => ({ organisation: s.organisation, amount: usd(s.approvedMinor) })),
            lines: budgetLinesView(a.budget),
          },
        }
      : {}),
    ...(r.scope ? { scope: r.scope } : {}),
    movedObligations: obligations.moved,
    addedObligations: obligations.added,
    revisedAt: now.toISOString(),
  };
}
