import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NestedArray } from '@fundline/http';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateBy, ValidationArguments } from 'class-validator';

/** The code and value formats of ResultsFrameworkV1, which an accepted request must meet (results.dto.spec.ts). */
const CODE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$/;
const DECIMAL = /^-?\d{1,15}(\.\d{1,4})?$/;
const CODE_MESSAGE = (args: ValidationArguments) =>
  `${args.property} is a code of letters, digits, dots and dashes, at most 32 characters, such as "1.2.1"`;

/**
 * A figure of an indicator, named by its rule: a decimal string ("120", "-3.25": at most 15 digits before the point
 * and 4 after), never a JSON number, which a client may have rounded already.
 */
function DecimalFigure(rule: string, why: string): PropertyDecorator {
  return ValidateBy({
    name: rule,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && DECIMAL.test(value),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must be a decimal string such as "120" or "12.5" (${rule}: ${why})`,
    },
  });
}

/** A list that must not be empty, named by the rule that says so (RF1: a framework holds something to measure). */
function AtLeastOne(rule: string, what: string): PropertyDecorator {
  return ValidateBy({
    name: rule,
    validator: {
      validate: (value: unknown) => Array.isArray(value) && value.length > 0,
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must hold at least one ${what} (${rule})`,
    },
  });
}

const text = (example: string) => ({ example, maxLength: 2000 });

export class IndicatorDto {
  @ApiProperty({ example: '1.1.1', pattern: CODE.source })
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty(text('Officials trained in migration data collection'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description: string;

  @ApiProperty({ example: 'officials', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  unit: string;

  @ApiProperty({ example: '0', pattern: DECIMAL.source, description: 'Decimal string: where the indicator starts' })
  @DecimalFigure('RF1', 'every indicator has a baseline')
  baseline: string;

  @ApiProperty({
    example: '120',
    pattern: DECIMAL.source,
    description: 'Decimal string: where it should be at the end',
  })
  @DecimalFigure('RF1', 'every indicator has a target')
  target: string;

  @ApiProperty(text('Training attendance lists'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  meansOfVerification: string;
}

export class OutputDto {
  @ApiProperty({ example: '1.1', pattern: CODE.source })
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty(text('Migration data officials trained'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  statement: string;

  @NestedArray(IndicatorDto)
  @AtLeastOne('RF1', 'indicator')
  indicators: IndicatorDto[];
}

export class OutcomeDto {
  @ApiProperty({ example: '1', pattern: CODE.source })
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty(text('Migration policy is informed by reliable data'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  statement: string;

  @NestedArray(OutputDto)
  @AtLeastOne('RF1', 'output')
  outputs: OutputDto[];
}

/** A results framework (issue 14, F12): outcomes → outputs → indicators, codes unique across it (RF2). */
export class ResultsFrameworkDto {
  @NestedArray(OutcomeDto)
  @AtLeastOne('RF1', 'outcome')
  outcomes: OutcomeDto[];

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

export class IndicatorProgressDto {
  @ApiProperty({ example: '1.1.1', pattern: CODE.source, description: 'The code of an indicator of the framework' })
  @Matches(CODE, { message: CODE_MESSAGE })
  indicator: string;

  @ApiProperty({ example: '45', pattern: DECIMAL.source, description: 'Decimal string, in the indicator’s unit' })
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
