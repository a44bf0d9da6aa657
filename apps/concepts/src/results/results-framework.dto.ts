import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NestedArray } from '@fundline/http';
import { ArrayMaxSize, ArrayMinSize, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ResultsFramework } from './results-framework.value';

/** The formats of `ResultsFrameworkV1`: a draft that passes them always makes a valid submitted event. */
const CODE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$/;
const DECIMAL = /^-?\d{1,15}(\.\d{1,4})?$/;
const CODE_MESSAGE = '$property is a code of letters, digits, dots and dashes, at most 32 characters, such as "1.2.1"';
const DECIMAL_MESSAGE =
  '$property must be a decimal string such as "120" or "12.5" (at most 15 digits before the point, 4 after)';
/** Per level: a concept note's framework is a summary; a longer one belongs in the monitoring plan. */
const MAX_ITEMS = 20;
const MAX_TEXT = 2000;

export class IndicatorDto {
  @ApiProperty({ example: '1.1.1', pattern: CODE.source, description: 'Unique in the framework (RF2)' })
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty({ example: 'Officials trained in migration data collection', maxLength: MAX_TEXT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  description: string;

  @ApiProperty({ example: 'officials', maxLength: 100 }) @IsString() @IsNotEmpty() @MaxLength(100) unit: string;

  @ApiProperty({ example: '0', pattern: DECIMAL.source, description: 'Where the indicator starts, a decimal string' })
  @Matches(DECIMAL, { message: DECIMAL_MESSAGE })
  baseline: string;

  @ApiProperty({ example: '120', pattern: DECIMAL.source, description: 'Where it should be at the end' })
  @Matches(DECIMAL, { message: DECIMAL_MESSAGE })
  target: string;

  @ApiProperty({ example: 'Training attendance lists', maxLength: MAX_TEXT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  meansOfVerification: string;
}

export class OutputDto {
  @ApiProperty({ example: '1.1', pattern: CODE.source, description: 'Unique in the framework (RF2)' })
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty({ example: 'Migration data officials trained', maxLength: MAX_TEXT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  statement: string;

  @NestedArray(IndicatorDto, { description: `One to ${MAX_ITEMS} indicators measuring the output` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS)
  indicators: IndicatorDto[];
}

export class OutcomeDto {
  @ApiProperty({ example: '1', pattern: CODE.source, description: 'Unique in the framework (RF2)' })
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty({ example: 'Migration policy is informed by reliable data', maxLength: MAX_TEXT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  statement: string;

  @NestedArray(OutputDto, { description: `One to ${MAX_ITEMS} outputs leading to the outcome` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS)
  outputs: OutputDto[];
}

/**
 * A results framework (issue 14): outcomes → outputs → indicators, codes unique across it (RF2, checked with the
 * draft). Required at submission for a concept note (M14), optional for a project proposal (F12: its monitoring
 * framework is owed after approval).
 */
export class ResultsFrameworkDto {
  @NestedArray(OutcomeDto, { description: `One to ${MAX_ITEMS} outcomes` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS)
  outcomes: OutcomeDto[];

  @ApiPropertyOptional({ example: 'Baselines from the 2025 labour migration survey', maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;

  /** Copies field by field, so the stored framework holds only what the DTO declares. */
  toFramework(): ResultsFramework {
    return {
      outcomes: this.outcomes.map((o) => ({
        code: o.code,
        statement: o.statement,
        outputs: o.outputs.map((p) => ({
          code: p.code,
          statement: p.statement,
          indicators: p.indicators.map((i) => ({
            code: i.code,
            description: i.description,
            unit: i.unit,
            baseline: i.baseline,
            target: i.target,
            meansOfVerification: i.meansOfVerification,
          })),
        })),
      })),
      ...(this.notes != null ? { notes: this.notes } : {}),
    };
  }
}
