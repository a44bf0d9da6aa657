import { IsOptional, IsString, Matches } from 'class-validator';
import { ValidNestedArray } from '../nested';

/** An indicator measures an output: where it starts, where it should be, in what, and how that is checked. */
export class IndicatorV1 {
  /** Unique within the framework ("1.1.1"): progress is reported against it. */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$/) code: string;
  @IsString() description: string;
  @IsString() unit: string;
  /** Decimal strings, never JSON numbers: counts, percentages and amounts alike. */
  @Matches(/^-?\d{1,15}(\.\d{1,4})?$/) baseline: string;
  @Matches(/^-?\d{1,15}(\.\d{1,4})?$/) target: string;
  @IsString() meansOfVerification: string;
}

export class OutputV1 {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$/) code: string;
  @IsString() statement: string;
  @ValidNestedArray(IndicatorV1) indicators: IndicatorV1[];
}

export class OutcomeV1 {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$/) code: string;
  @IsString() statement: string;
  @ValidNestedArray(OutputV1) outputs: OutputV1[];
}

/**
 * What a programme is meant to achieve (issue 14): outcomes, their outputs, and the indicators that measure them.
 * Required at submission for concept notes; for Fund 1035 projects it is F12's monitoring framework, due within the
 * first month.
 */
export class ResultsFrameworkV1 {
  @ValidNestedArray(OutcomeV1) outcomes: OutcomeV1[];
  @IsOptional() @IsString() notes?: string;
}
