import { IsArray, IsISO8601, IsString, IsUUID } from 'class-validator';
import { DocumentRefV1 } from '../documents/document-ref.v1';
import { ValidNested, ValidNestedArray } from '../nested';
import { ApprovedAllocationV1 } from './allocation-events.v1';
import { AllocationBudgetLineV1 } from './revision-events.v1';

/**
 * v2 of the committee's decisions: one event per outcome, so an approval always carries its allocation and a
 * deferral or a rejection never does. The type says the outcome; v1 said it twice (type and `decision`).
 */
export const ALLOCATION_APPROVED_V2 = 'allocation.approved.v2';
export const ALLOCATION_DEFERRED_V2 = 'allocation.deferred.v2';
export const ALLOCATION_REJECTED_V2 = 'allocation.rejected.v2';

/** A decision on a pipeline entry with its reasons and who took part (M8): a deferral or a rejection as is. */
export class AllocationDecidedV2 {
  @IsUUID() decisionId: string;
  @IsUUID() sessionId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  @IsString() reasons: string;
  @IsArray() @IsString({ each: true }) participants: string[];
  @IsArray() @IsString({ each: true }) recused: string[];
  @IsISO8601({ strict: true }) decidedAt: string;
}

/** An approval, with the allocation it made and its grant agreement (optional: added after the first release). */
export class AllocationApprovedV2 extends AllocationDecidedV2 {
  @ValidNested(ApprovedAllocationV1) allocation: ApprovedAllocationV1;
  @ValidNested(DocumentRefV1, { optional: true }) agreement?: DocumentRefV1;
  /** The allocation's budget by organisation and category (optional: added after the first release; issue 14). */
  @ValidNestedArray(AllocationBudgetLineV1, { optional: true }) budget?: AllocationBudgetLineV1[];
}

/** The event type a committee decision is published as. */
export const ALLOCATION_DECISION_TYPES = {
  approve: ALLOCATION_APPROVED_V2,
  defer: ALLOCATION_DEFERRED_V2,
  reject: ALLOCATION_REJECTED_V2,
} as const;
