import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { MoneyV1 } from '../concepts/money.v1';
import { ValidNested, ValidNestedArray } from '../nested';
import { ObligationV1, ShareV1 } from './allocation-events.v1';
import { AllocationBudgetLineV1, REVISION_KINDS, RevisionKind } from './revision-events.v1';

export const ALLOCATION_REVISED_V2 = 'allocation.revised.v2';

/** The allocation's budget after a budget revision: its total, the shares and the lines by category. */
export class RevisedBudgetV2 {
  @ValidNested(MoneyV1) previousAmount: MoneyV1;
  @ValidNested(MoneyV1) amount: MoneyV1;
  @ValidNestedArray(ShareV1) shares: ShareV1[];
  @ValidNestedArray(AllocationBudgetLineV1) lines: AllocationBudgetLineV1[];
}

/** A report owed whose due date a no-cost extension moved. */
export class MovedObligationV2 {
  @IsUUID() obligationId: string;
  @IsString() kind: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) previousDueOn: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) dueOn: string;
}

/**
 * A revision in force: recorded at once (a budget move within the threshold) or approved by the approving authority.
 * Carries what the read model needs: the new budget, the end date, and the reports owed it moved or added.
 */
export class AllocationRevisedV2 {
  /** Absent for revisions recorded before issue 14 (read from `allocation.revised.v1`). */
  @IsOptional() @IsUUID() revisionId?: string;
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  @IsIn(REVISION_KINDS) kind: RevisionKind;
  @IsIn(['recorded', 'approved']) approval: 'recorded' | 'approved';
  @IsString() justification: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) previousEndDate: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) endDate: string;
  /** Present when the budget changed (budget revisions). */
  @ValidNested(RevisedBudgetV2, { optional: true }) budget?: RevisedBudgetV2;
  /** The new scope (scope changes). */
  @IsOptional() @IsString() scope?: string;
  @ValidNestedArray(MovedObligationV2) movedObligations: MovedObligationV2[];
  @ValidNestedArray(ObligationV1) addedObligations: ObligationV1[];
  @IsISO8601({ strict: true }) revisedAt: string;
}
