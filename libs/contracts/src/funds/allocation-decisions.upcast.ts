import { ContractViolation } from '../contract-violation';
import { ALLOCATION_APPROVED_V2, ALLOCATION_DEFERRED_V2, ALLOCATION_REJECTED_V2 } from './allocation-decisions.v2';
import {
  ALLOCATION_APPROVED_V1,
  ALLOCATION_DEFERRED_V1,
  ALLOCATION_REJECTED_V1,
  AllocationDecidedV1,
} from './allocation-events.v1';

const V2_OF = {
  [ALLOCATION_APPROVED_V1]: { decision: 'approve', type: ALLOCATION_APPROVED_V2 },
  [ALLOCATION_DEFERRED_V1]: { decision: 'defer', type: ALLOCATION_DEFERRED_V2 },
  [ALLOCATION_REJECTED_V1]: { decision: 'reject', type: ALLOCATION_REJECTED_V2 },
} as const;

export type AllocationDecisionV1Type = keyof typeof V2_OF;

/**
 * Reads a v1 decision as its v2 event: the type names the outcome, `decision` goes, and only an approval keeps the
 * allocation. v1 let through what v2 rules out (a type that contradicts `decision`, a deferral or a rejection with an
 * allocation, an approval without one); no producer ever published those, so one found on a topic is refused rather
 * than guessed at. The caller checks the result against its v2 contract, which refuses the approval without one.
 */
export function allocationDecisionAsV2(
  type: AllocationDecisionV1Type,
  { decision, allocation, ...decided }: AllocationDecidedV1,
): { type: (typeof V2_OF)[AllocationDecisionV1Type]['type']; payload: object } {
  const v2 = V2_OF[type];
  if (decision !== v2.decision) throw new ContractViolation(`${type} says its decision was ${decision}`);
  if (v2.type !== ALLOCATION_APPROVED_V2 && allocation) {
    throw new ContractViolation(`${type} carries an allocation: only an approval makes one`);
  }
  return { type: v2.type, payload: v2.type === ALLOCATION_APPROVED_V2 ? { ...decided, allocation } : decided };
}
