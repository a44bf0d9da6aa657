import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { MoneyV1 } from '../concepts/concept-note-submitted.v1';

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
  @ValidateNested() @Type(() => MoneyV1) amount: MoneyV1;
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
  @ValidateNested() @Type(() => MoneyV1) amount: MoneyV1;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ShareV1) shares: ShareV1[];
  @Matches(/^\d{4}-\d{2}-\d{2}$/) startDate: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) endDate: string;
  /** The reports the allocation owes (F12, M11); optional, added after the first release of v1. */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ObligationV1) obligations?: ObligationV1[];
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
  @IsOptional() @ValidateNested() @Type(() => ApprovedAllocationV1) allocation?: ApprovedAllocationV1;
}

/** Money left the fund for a participating organisation (M10); `status` is the allocation's status after it. */
export class TransferDisbursedV1 {
  @IsUUID() transferId: string;
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  @IsString() pocketCode: string;
  @IsString() organisation: string;
  @ValidateNested() @Type(() => MoneyV1) amount: MoneyV1;
  @ValidateNested() @Type(() => MoneyV1) transferredToOrganisation: MoneyV1;
  @IsString() status: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) transferDate: string;
}

export class ExpenditureReportedV1 {
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  @IsString() organisation: string;
  @IsInt() year: number;
  @ValidateNested() @Type(() => MoneyV1) amount: MoneyV1;
  @ValidateNested() @Type(() => MoneyV1) spentByOrganisation: MoneyV1;
}

export class AllocationClosedV1 {
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  @IsString() pocketCode: string;
  @ValidateNested() @Type(() => MoneyV1) refunded: MoneyV1;
  @ValidateNested() @Type(() => MoneyV1) released: MoneyV1;
  @IsISO8601({ strict: true }) closedAt: string;
}

export class RefundReceivedV1 {
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  @IsString() pocketCode: string;
  @ValidateNested() @Type(() => MoneyV1) amount: MoneyV1;
}

export class ObligationOverdueV1 {
  @IsUUID() obligationId: string;
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() kind: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) dueOn: string;
}

export const OBLIGATION_SUBMITTED_V1 = 'obligation.submitted.v1';

export class ObligationSubmittedV1 {
  @IsUUID() obligationId: string;
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() kind: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) submittedOn: string;
}

export const ALLOCATION_DECISION_TYPES = {
  approve: ALLOCATION_APPROVED_V1,
  defer: ALLOCATION_DEFERRED_V1,
  reject: ALLOCATION_REJECTED_V1,
} as const;
