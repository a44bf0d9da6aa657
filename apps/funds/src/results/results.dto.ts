import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AtLeastOne,
  DECIMAL_FIGURE,
  DecimalFigure,
  NestedArray,
  RESULTS_CODE,
  RESULTS_CODE_MESSAGE,
} from '@fundline/http';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class IndicatorProgressDto {
  @ApiProperty({
    example: '1.1.1',
    pattern: RESULTS_CODE.source,
    description: 'The code of an indicator of the framework',
  })
  @Matches(RESULTS_CODE, { message: RESULTS_CODE_MESSAGE })
  indicator: string;

  @ApiProperty({
    example: '45',
    pattern: DECIMAL_FIGURE.source,
    description: 'Decimal string, in the indicator’s unit',
  })
  @DecimalFigure('RF3', 'progress is a figure in the indicator’s unit')
  achieved: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** What the indicators had reached by a report: one figure per indicator reported on (RF3). */
export class ProgressReportDto {
  @NestedArray(IndicatorProgressDto)
  @AtLeastOne('RF3', 'indicator figure')
  progress: IndicatorProgressDto[];
}
