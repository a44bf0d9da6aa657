import { DocumentRefV1 } from '../documents/document-ref.v1';
import { IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { ValidNested, ValidNestedArray } from '../nested';
import { MoneyV1 } from '../concepts/money.v1';
import { BudgetLineV1 } from '../concepts/budget-line.v1';

/** Superseded by the v2 decisions (allocation-decisions.v2.ts): still read from the topics, never published. */
export const ALLOCATION_APPROVED_V1 = 'allocation.approved.v1';
export const ALLOCATION_DEFERRED_V1 = 'allocation.deferred.v1';
export const ALLOCATION_REJECTED_V1 = 'allocation.rejected.v1';
export const TRANSFER_DISBURSED_V1 = 'transfer.disbursed.v1';
export const EXPENDITURE_REPORTED_V1 = 'expenditure.reported.v1';
export const ALLOCATION_CLOSED_V1 = 'allocation.closed.v1';
export const REFUND_RECEIVED_V1 = 'refund.received.v1';
export const OBLIGATION_OVERDUE_V1 = 'obligation.overdue.v1';

export class ShareV1 {
  @IsString() organisation: string;
  @ValidNested(MoneyV1) amount: MoneyV1;
}

export class ObligationV1 {
  @IsUUID() obligationId: string;
  @IsString() kind: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) dueOn: string;
}

export class ApprovedAllocationV1 {
  @IsUUID() allocationId: string;
  @IsString() pocketCode: string;
  @IsOptional() @IsIn([1, 2]) creditLine?: 1 | 2;
  @ValidNested(MoneyV1) amount: MoneyV1;
  @ValidNestedArray(ShareV1) shares: ShareV1[];
  @Matches(/^\d{4}-\d{2}-\d{2}$/) startDate: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) endDate: string;
  /** The reports the allocation owes (F12, M11); optional, added after the first release of v1. */
  @ValidNestedArray(ObligationV1, { optional: true }) obligations?: ObligationV1[];
}

/** A steering-committee (or approving-body) decision on a pipeline entry, with its reasons and who took part (M8). */
export class AllocationDecidedV1 {
  @IsUUID() decisionId: string;
  @IsUUID() sessionId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  @IsIn(['approve', 'defer', 'reject']) decision: 'approve' | 'defer' | 'reject';
  @IsString() reasons: string;
  @IsArray() @IsString({ each: true }) participants: string[];
  @IsArray() @IsString({ each: true }) recused: string[];
  @IsISO8601({ strict: true }) decidedAt: string;
  @ValidNested(ApprovedAllocationV1, { optional: true }) allocation?: ApprovedAllocationV1;
}

/** Money left the fund for a participating organisation (M10); `status` is the allocation's status after it. */
export class TransferDisbursedV1 {
  @IsUUID() transferId: string;
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  @IsString() pocketCode: string;
  @IsString() organisation: string;
  @ValidNested(MoneyV1) amount: MoneyV1;
  @ValidNested(MoneyV1) transferredToOrganisation: MoneyV1;
  @IsString() status: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) transferDate: string;
}

export class ExpenditureReportedV1 {
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  @IsString() organisation: string;
  @IsInt() year: number;
  @ValidNested(MoneyV1) amount: MoneyV1;
  @ValidNested(MoneyV1) spentByOrganisation: MoneyV1;
  /** The year's expenditure by budget category, adding up to `amount` (optional: added after the first release; issue 14). */
  @ValidNestedArray(BudgetLineV1, { optional: true }) lines?: BudgetLineV1[];
}

export class AllocationClosedV1 {
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  @IsString() pocketCode: string;
  @ValidNested(MoneyV1) refunded: MoneyV1;
  @ValidNested(MoneyV1) released: MoneyV1;
  @IsISO8601({ strict: true }) closedAt: string;
}

export class RefundReceivedV1 {
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  @IsString() pocketCode: string;
  @ValidNested(MoneyV1) amount: MoneyV1;
}

export class ObligationOverdueV1 {
  @IsUUID() obligationId: string;
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() kind: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) dueOn: string;
}

export const ALLOCATION_REVISED_V1 = 'allocation.revised.v1';

/** A revision recorded on an allocation: a budget revision, or a no-cost extension that moves its end date. */
export class AllocationRevisedV1 {
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  @IsIn(['budget-revision', 'no-cost-extension']) kind: 'budget-revision' | 'no-cost-extension';
  @Matches(/^\d{4}-\d{2}-\d{2}$/) previousEndDate: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) endDate: string;
  @IsString() reason: string;
  @IsISO8601({ strict: true }) revisedAt: string;
}

export const OBLIGATION_SUBMITTED_V1 = 'obligation.submitted.v1';

export class ObligationSubmittedV1 {
  @IsUUID() obligationId: string;
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() kind: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) submittedOn: string;
  /** The report uploaded that fulfilled it (optional: events from before issue 13 had a typed date and none). */
  @ValidNested(DocumentRefV1, { optional: true }) report?: DocumentRefV1;
}

export const OBLIGATION_REPORT_REPLACED_V1 = 'obligation.report-replaced.v1';

/** A corrected report replaced the one that fulfilled an obligation: a new version; the earlier stays stored (G3). */
export class ObligationReportReplacedV1 {
  @IsUUID() obligationId: string;
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() kind: string;
  @ValidNested(DocumentRefV1) report: DocumentRefV1;
  @ValidNested(DocumentRefV1) replaces: DocumentRefV1;
}
