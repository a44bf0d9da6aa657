import { AllocationRevisedV1 } from './allocation-events.v1';
import { ALLOCATION_REVISED_V2, AllocationRevisedV2 } from './revision-events.v2';

/**
 * Reads a v1 revision as v2. v1 revisions were recorded at once, changed no amount (a budget revision was a dated note)
 * and moved no report owed, so the v2 event says exactly that: no budget, no obligations moved or added.
 */
export function allocationRevisedAsV2({ reason, ...revised }: AllocationRevisedV1): {
  type: typeof ALLOCATION_REVISED_V2;
  payload: AllocationRevisedV2;
} {
  return {
    type: ALLOCATION_REVISED_V2,
    payload: { ...revised, approval: 'recorded', justification: reason, movedObligations: [], addedObligations: [] },
  };
}
