import { ArrayMinSize, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { ValidNested, ValidNestedArray } from '../nested';
import { MoneyV1 } from '../concepts/concept-note-submitted.v1';

export const LEDGER_ENTRY_POSTED_V1 = 'ledger.entry-posted.v1';
export const CONTRIBUTION_COMMITTED_V1 = 'contribution.committed.v1';
export const CONTRIBUTION_DEPOSITED_V1 = 'contribution.deposited.v1';
export const CREDIT_LINE_FUNDED_V1 = 'credit-line.funded.v1';

export class ReferenceV1 {
  @IsString() type: string;
  @IsString() id: string;
}

export class LedgerLineV1 {
  @IsString() accountId: string;
  @IsString() pocketCode: string;
  @IsString() kind: string;
  @IsIn(['debit', 'credit']) side: 'debit' | 'credit';
  @ValidNested(MoneyV1) amount: MoneyV1;
}

/** Every posting to the ledger, line by line, so the read side can rebuild every balance (G2). */
export class LedgerEntryPostedV1 {
  @IsUUID() entryId: string;
  @IsString() fundCode: string;
  @IsString() type: string;
  @ValidNested(ReferenceV1) reference: ReferenceV1;
  @IsString() description: string;
  @IsISO8601({ strict: true }) postedAt: string;
  @ValidNestedArray(LedgerLineV1) @ArrayMinSize(2) lines: LedgerLineV1[];
}

export class ScheduledPaymentV1 {
  @Matches(/^\d{4}-\d{2}-\d{2}$/) dueDate: string;
  @ValidNested(MoneyV1) amount: MoneyV1;
}

/** A donor signed a commitment (pledge) to a fund, possibly earmarked to a pocket (M9). */
export class ContributionCommittedV1 {
  @IsUUID() commitmentId: string;
  @IsUUID() donorId: string;
  @IsString() donorName: string;
  @IsString() donorType: string;
  @IsString() fundCode: string;
  @IsString() pocketCode: string;
  @ValidNested(MoneyV1) amount: MoneyV1;
  @ValidNestedArray(ScheduledPaymentV1) schedule: ScheduledPaymentV1[];
  @Matches(/^\d{4}-\d{2}-\d{2}$/) signedOn: string;
}

/** A deposit received: its original amount and currency, the USD equivalent at the given rate, the fee (G1, M9). */
export class ContributionDepositedV1 {
  @IsUUID() depositId: string;
  @IsUUID() donorId: string;
  /** Added after the first release of v1: optional, so older events stay valid. */
  @IsOptional() @IsString() donorName?: string;
  @IsOptional() @IsUUID() commitmentId?: string;
  @IsString() fundCode: string;
  @IsString() pocketCode: string;
  @ValidNested(MoneyV1) original: MoneyV1;
  @Matches(/^\d+(\.\d+)?$/) usdRate: string;
  @ValidNested(MoneyV1) usd: MoneyV1;
  @ValidNested(MoneyV1) fee: MoneyV1;
  @IsInt() feeBasisPoints: number;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) depositDate: string;
  @IsUUID() entryId: string;
}

export class ComputationStepV1 {
  @IsString() step: string;
  @IsString() formula: string;
  @ValidNested(MoneyV1) result: MoneyV1;
}

/** A Fund 1035 credit line received its funding for a year, with the F9 computation step by step. */
export class CreditLineFundedV1 {
  @IsUUID() fundingId: string;
  @IsString() fundCode: string;
  @IsInt() year: number;
  @ValidNested(MoneyV1) line1: MoneyV1;
  @ValidNested(MoneyV1) line2: MoneyV1;
  @ValidNestedArray(ComputationStepV1) steps: ComputationStepV1[];
}

export const FUND_COST_RECORDED_V1 = 'fund-cost.recorded.v1';
export const FUND_COST_KINDS = ['direct-cost', 'bank-charge'] as const;
export type FundCostKind = (typeof FUND_COST_KINDS)[number];

/** M13 uses other than transfers and the fee: a direct cost or a bank charge paid out of a pocket's cash. */
export class FundCostRecordedV1 {
  @IsUUID() costId: string;
  @IsString() fundCode: string;
  @IsString() pocketCode: string;
  @IsIn(FUND_COST_KINDS) kind: FundCostKind;
  @ValidNested(MoneyV1) amount: MoneyV1;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) incurredOn: string;
  @IsString() description: string;
  @IsUUID() entryId: string;
}
