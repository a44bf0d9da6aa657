import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Min } from 'class-validator';
import { ResultsFrameworkV1 } from '../concepts/results-framework.v1';
import { ValidNested, ValidNestedArray } from '../nested';

export const ALLOCATION_RESULTS_FRAMEWORK_RECORDED_V1 = 'allocation.results-framework-recorded.v1';
export const RESULTS_PROGRESS_REPORTED_V1 = 'results.progress-reported.v1';

/**
 * Fund staff recorded the results framework of an allocation (issue 14): a new version that stands from now on in
 * place of the one submitted with the concept, or of an earlier recorded one. F12's monitoring framework.
 */
export class ResultsFrameworkRecordedV1 {
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  /** 1 for the first framework staff record for the allocation, then one more for each new version. */
  @IsInt() @Min(1) version: number;
  @ValidNested(ResultsFrameworkV1) framework: ResultsFrameworkV1;
  @IsISO8601({ strict: true }) recordedAt: string;
}

/** What one indicator had reached by a report, in the indicator's unit. */
export class IndicatorProgressV1 {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$/) indicator: string;
  /** A decimal string, like the indicator's baseline and target. */
  @Matches(/^-?\d{1,15}(\.\d{1,4})?$/) achieved: string;
  @IsOptional() @IsString() note?: string;
}

/**
 * Progress per indicator, reported with an interim or final narrative report (F12, M11). A later report of progress
 * for the same obligation is a new version that replaces this one; both are kept.
 */
export class ResultsProgressReportedV1 {
  @IsUUID() allocationId: string;
  @IsUUID() conceptId: string;
  @IsString() fund: string;
  @IsUUID() obligationId: string;
  /** The report's kind (`interim-narrative-report`, `final-narrative-report`): which report the figures come from. */
  @IsString() obligationKind: string;
  @IsInt() @Min(1) version: number;
  @ValidNestedArray(IndicatorProgressV1) progress: IndicatorProgressV1[];
  @Matches(/^\d{4}-\d{2}-\d{2}$/) reportedOn: string;
  @IsISO8601({ strict: true }) reportedAt: string;
}
