import { ApiProperty } from '@nestjs/swagger';
import { FundPolicies } from '@fundline/domain';

/** The shapes of the results routes, for the OpenAPI document: figures are decimal strings, never numbers. */
const FIGURE = { type: String, example: '45', description: 'Decimal string, in the indicator’s unit' } as const;
const PERCENT = {
  type: String,
  nullable: true,
  example: '37.50',
  description:
    'RF5: (achieved − baseline) / (target − baseline) × 100, two decimals; null before a figure, or if target = baseline',
} as const;

class ReportedWithResponse {
  @ApiProperty({ format: 'uuid' }) obligationId: string;
  @ApiProperty({ example: 'interim-narrative-report' }) kind: string;
  @ApiProperty({ description: 'The version of the progress reported with that report' }) version: number;
  @ApiProperty({ format: 'date' }) reportedOn: string;
}

class IndicatorResultResponse {
  @ApiProperty({ example: '1.1.1' }) code: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: 'officials' }) unit: string;
  @ApiProperty({ ...FIGURE, example: '0' }) baseline: string;
  @ApiProperty({ ...FIGURE, example: '120' }) target: string;
  @ApiProperty() meansOfVerification: string;
  @ApiProperty({ ...FIGURE, nullable: true, description: 'The latest figure reported, as of the view' })
  achieved: string | null;
  @ApiProperty(PERCENT) progressPercent: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: ReportedWithResponse, description: 'The report the latest figure came with' })
  reportedWith: ReportedWithResponse | null;
}

class OutputResultResponse {
  @ApiProperty({ example: '1.1' }) code: string;
  @ApiProperty() statement: string;
  @ApiProperty({ type: [IndicatorResultResponse] }) indicators: IndicatorResultResponse[];
}

class OutcomeResultResponse {
  @ApiProperty({ example: '1' }) code: string;
  @ApiProperty() statement: string;
  @ApiProperty({ type: [OutputResultResponse] }) outputs: OutputResultResponse[];
}

class StandingFrameworkResponse {
  @ApiProperty({ enum: ['submission', 'staff'], description: 'Submitted with the concept, or recorded by staff' })
  source: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
}

export class ProgrammeResultsResponse {
  @ApiProperty({ format: 'uuid' }) conceptId: string;
  @ApiProperty({ enum: FundPolicies.codes() }) fund: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ example: 'PHL' }) country: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) allocationId: string | null;
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty({ nullable: true, type: StandingFrameworkResponse, description: 'null: no framework yet' })
  framework: StandingFrameworkResponse | null;
  @ApiProperty({ type: [OutcomeResultResponse] }) outcomes: OutcomeResultResponse[];
}

class IndicatorRowResponse {
  @ApiProperty({ format: 'uuid' }) conceptId: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ example: 'PHL' }) country: string;
  @ApiProperty({ example: '1' }) outcomeCode: string;
  @ApiProperty() outcome: string;
  @ApiProperty({ example: '1.1' }) outputCode: string;
  @ApiProperty() output: string;
  @ApiProperty({ example: '1.1.1' }) indicatorCode: string;
  @ApiProperty() indicator: string;
  @ApiProperty() unit: string;
  @ApiProperty({ ...FIGURE, example: '0' }) baseline: string;
  @ApiProperty({ ...FIGURE, example: '120' }) target: string;
  @ApiProperty({ ...FIGURE, nullable: true }) achieved: string | null;
  @ApiProperty(PERCENT) progressPercent: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'interim-narrative-report' }) report: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) reportedOn: string | null;
  @ApiProperty() meansOfVerification: string;
}

export class FundIndicatorsResponse {
  @ApiProperty({ enum: FundPolicies.codes() }) fund: string;
  @ApiProperty({ nullable: true, type: String, example: 'LINE_2' }) line: string | null;
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty({ type: [IndicatorRowResponse] }) items: IndicatorRowResponse[];
}
