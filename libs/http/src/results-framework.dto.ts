import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { ResultsFrameworkV1 } from '@fundline/contracts';
import { NestedArray } from './nested-dto';

/**
 * The request body of a results framework (issue 14), one for both services: concepts takes it with a draft, funds
 * when staff record it for an allocation. Its formats are those of `ResultsFrameworkV1`, so an accepted body always
 * makes a valid event (docs/domain-decisions.md "Results frameworks", RF1).
 */
export const RESULTS_CODE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$/;
export const RESULTS_CODE_MESSAGE =
  '$property is a code of letters, digits, dots and dashes, at most 32 characters, such as "1.2.1"';
export const DECIMAL_FIGURE = /^-?\d{1,15}(\.\d{1,4})?$/;
/** Per level: a framework is a summary; a longer one belongs in the monitoring plan. */
const MAX_ITEMS = 20;
const MAX_TEXT = 2000;
const MAX_UNIT = 100;
const MAX_NOTES = 4000;

/**
 * A figure named by its rule: a decimal string ("120", "-3.25": at most 15 digits before the point and 4 after), never
 * a JSON number, which a client may have rounded already. Funds' progress figures (RF3) use it too.
 */
export function DecimalFigure(rule: string, why: string): PropertyDecorator {
  return ValidateBy({
    name: rule,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && DECIMAL_FIGURE.test(value),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must be a decimal string such as "120" or "12.5" (${rule}: ${why})`,
    },
  });
}

/** A list that must not be empty, named by the rule that says so. */
export function AtLeastOne(rule: string, what: string): PropertyDecorator {
  return ValidateBy({
    name: rule,
    validator: {
      validate: (value: unknown) => Array.isArray(value) && value.length > 0,
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must hold at least one ${what} (${rule})`,
    },
  });
}

const decimal = (example: string, description: string) => ({ example, pattern: DECIMAL_FIGURE.source, description });
const code = (example: string) => ({
  example,
  pattern: RESULTS_CODE.source,
  description: 'Unique in the framework (RF2)',
});
const text = (example: string) => ({ example, maxLength: MAX_TEXT });

export class IndicatorDto {
  @ApiProperty(code('1.1.1'))
  @Matches(RESULTS_CODE, { message: RESULTS_CODE_MESSAGE })
  code: string;

  @ApiProperty(text('Officials trained in migration data collection'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  description: string;

  @ApiProperty({ example: 'officials', maxLength: MAX_UNIT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_UNIT)
  unit: string;

  @ApiProperty(decimal('0', 'Decimal string: where the indicator starts'))
  @DecimalFigure('RF1', 'every indicator has a baseline')
  baseline: string;

  @ApiProperty(decimal('120', 'Decimal string: where it should be at the end'))
  @DecimalFigure('RF1', 'every indicator has a target')
  target: string;

  @ApiProperty(text('Training attendance lists'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  meansOfVerification: string;
}

export class OutputDto {
  @ApiProperty(code('1.1'))
  @Matches(RESULTS_CODE, { message: RESULTS_CODE_MESSAGE })
  code: string;

  @ApiProperty(text('Migration data officials trained'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  statement: string;

  @NestedArray(IndicatorDto, { description: `One to ${MAX_ITEMS} indicators measuring the output` })
  @AtLeastOne('RF1', 'indicator')
  @ArrayMaxSize(MAX_ITEMS)
  indicators: IndicatorDto[];
}

export class OutcomeDto {
  @ApiProperty(code('1'))
  @Matches(RESULTS_CODE, { message: RESULTS_CODE_MESSAGE })
  code: string;

  @ApiProperty(text('Migration policy is informed by reliable data'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  statement: string;

  @NestedArray(OutputDto, { description: `One to ${MAX_ITEMS} outputs leading to the outcome` })
  @AtLeastOne('RF1', 'output')
  @ArrayMaxSize(MAX_ITEMS)
  outputs: OutputDto[];
}

/**
 * Outcomes → outputs → indicators. Codes unique across it (RF2) is a rule on the whole framework, checked by
 * `duplicateCodes` (@fundline/domain) where each service writes it.
 */
export class ResultsFrameworkDto {
  @NestedArray(OutcomeDto, { description: `One to ${MAX_ITEMS} outcomes` })
  @AtLeastOne('RF1', 'outcome')
  @ArrayMaxSize(MAX_ITEMS)
  outcomes: OutcomeDto[];

  @ApiPropertyOptional({ example: 'Baselines from the 2025 labour migration survey', maxLength: MAX_NOTES })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NOTES)
  notes?: string;

  /** Copies field by field, so what is stored and published holds only what the DTO declares. */
  toFramework(): ResultsFrameworkV1 {
    return plainResultsFramework(this);
  }
}

/** The framework as plain JSON in one key order, nothing else: what is stored, published and compared. */
export function plainResultsFramework(framework: ResultsFrameworkV1): ResultsFrameworkV1 {
  return {
    outcomes: framework.outcomes.map((o) => ({
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
    ...(framework.notes ? { notes: framework.notes } : {}),
  };
}
