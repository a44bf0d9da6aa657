import { IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { MoneyV1 } from '../concepts/money.v1';
import { ValidNested, ValidNestedArray } from '../nested';

/** What a revision of an allocation changes (issue 14): its budget, its end date, or its scope. */
export const REVISION_KINDS = ['budget-revision', 'no-cost-extension', 'scope-change'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

export const ALLOCATION_REVISION_REQUESTED_V1 = 'allocation.revision-requested.v1';
export const ALLOCATION_REVISION_DECIDED_V1 = 'allocation.revision-decided.v1';

/** One line of an allocation's budget: what one organisation may spend in one category. */
export class AllocationBudgetLineV1 {
  @IsString() organisation: string;
  @Matches(/^[a-z][a-z0-9-]{0,63}$/) category: string;
  @ValidNested(MoneyV1) amount: MoneyV1;
}

/** The change a revision asks for: the whole new budget, the new end date, or the new scope, by its kind. */
export class RequestedChangeV1 {
  @ValidNested(MoneyV1, { optional: true }) amount?: MoneyV1;
  @ValidNestedArray(AllocationBudgetLineV1, { optional: true }) budget?: AllocationBudgetLineV1[];
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) endDate?: string;
  @IsOptional() @IsString() scope?: string;
}

/** A revision that waits for the approving authority's decision, with the reasons it cannot be recorded at once. */
export class AllocationRevisionRequestedV1 {
  @IsUUID() revisionId: string;
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  @IsIn(REVISION_KINDS) kind: RevisionKind;
  @IsString() justification: string;
  @ValidNested(RequestedChangeV1) requested: RequestedChangeV1;
  @IsArray() @IsString({ each: true }) needsApprovalBecause: string[];
  @IsISO8601({ strict: true }) requestedAt: string;
}

/** The approving authority approved or refused a pending revision, with its reason. */
export class AllocationRevisionDecidedV1 {
  @IsUUID() revisionId: string;
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  @IsIn(REVISION_KINDS) kind: RevisionKind;
  @IsIn(['approved', 'refused']) decision: 'approved' | 'refused';
  @IsString() reason: string;
  @IsISO8601({ strict: true }) decidedAt: string;
}
