import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidationArguments,
  ValidateIf,
} from 'class-validator';
import { BUDGET_CATEGORY_COUNTS } from '@fundline/domain';
import { Money } from '@fundline/money';
import { Dataset } from './reference-snapshot';
import { LINE_2_REGIONS } from './seed/official-lists.seed';

/** The shape of one value of each reference list: validated on every write and published in the OpenAPI document. */

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGIONS = [
  'africa',
  'asia-pacific',
  'europe',
  'latin-america-caribbean',
  'middle-east-north-africa',
  'north-america',
];
const MINOR = /^\d{1,17}$/;

export class CountryValue {
  @ApiProperty({ example: 'Philippines' }) @IsString() @MaxLength(200) name: string;
  @ApiProperty({ enum: REGIONS, nullable: true, description: 'IOM reporting region (F10)' })
  @IsOptional()
  @IsIn(REGIONS)
  region: string | null;
  @ApiProperty({ description: 'An IOM Member State (F1, F5)' }) @IsBoolean() iomMember: boolean;
}

export class ThematicAreaValue {
  @ApiProperty() @IsString() @MaxLength(300) name: string;
  @ApiProperty({ type: [Number], minimum: 1, maximum: 23, description: 'GCM objectives of the area (M1)' })
  @IsArray()
  @ArrayMinSize(1)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(23, { each: true })
  gcmObjectives: number[];
}

/** A UN organisation (M3) or a Fund 1035 focus area (F8). */
export class EligibleItemValue {
  @ApiProperty() @IsString() @MaxLength(300) name: string;
  @ApiProperty() @IsBoolean() eligible: boolean;
}

export class BeneficiaryValue {
  @ApiProperty({
    enum: ['low', 'lower-middle', 'upper-middle', 'high'],
    description: 'World Bank income group in force (F1: low to upper-middle)',
  })
  @IsIn(['low', 'lower-middle', 'upper-middle', 'high'])
  incomeGroup: string;
  @ApiProperty() @IsBoolean() euMember: boolean;
  @ApiProperty({ description: 'Has voluntarily withdrawn from eligibility' }) @IsBoolean() withdrawn: boolean;
}

const usd = (minor: string) => `USD ${Money.ofMinor(BigInt(minor), 'USD').toDecimalString()}`;

/**
 * F3 defines the status by its figures (arrears equal to or above the contributions due for the two preceding years),
 * so a record whose flag says otherwise would decide eligibility against its own evidence.
 */
function AgreesWithArrears(): PropertyDecorator {
  // Without both figures well formed there is nothing to agree with: their own validators answer for them.
  const hasFigures = (record: Article4Value) =>
    MINOR.test(record.arrearsMinor ?? '') && MINOR.test(record.dueTwoYearsMinor ?? '');
  const subjectBy = (record: Article4Value) => BigInt(record.arrearsMinor) >= BigInt(record.dueTwoYearsMinor);
  return ValidateBy({
    name: 'F3',
    validator: {
      validate: (subject: unknown, args?: ValidationArguments) => {
        const record = args?.object as Article4Value;
        return typeof subject !== 'boolean' || !hasFigures(record) || subject === subjectBy(record);
      },
      defaultMessage: (args?: ValidationArguments) => {
        const record = args?.object as Article4Value;
        const subject = subjectBy(record);
        return (
          `subject must be ${subject} (F3: subject to Article 4 when arrears are equal to or above the contributions ` +
          `due for the two preceding years): arrearsMinor ${record.arrearsMinor} (${usd(record.arrearsMinor)}) is ` +
          `${subject ? 'at or above' : 'below'} dueTwoYearsMinor ${record.dueTwoYearsMinor} (${usd(record.dueTwoYearsMinor)})`
        );
      },
    },
  });
}

export class Article4Value {
  @ApiProperty({ description: 'Subject to Article 4: exactly when arrearsMinor ≥ dueTwoYearsMinor (F3)' })
  @IsBoolean()
  @AgreesWithArrears()
  subject: boolean;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) @Matches(DATE) since: string;
  @ApiProperty({ example: '250000000', description: 'Arrears in US cents' })
  @Matches(MINOR, { message: 'arrearsMinor is an integer amount of US cents, as a string' })
  arrearsMinor: string;
  @ApiProperty({ example: '240000000', description: 'Contributions due for the two preceding years, in US cents' })
  @Matches(MINOR, { message: 'dueTwoYearsMinor is an integer amount of US cents, as a string' })
  dueTwoYearsMinor: string;
}

export class CallRoundValue {
  @ApiProperty({ format: 'date' }) @Matches(DATE) opensOn: string;
  @ApiProperty({ format: 'date' }) @Matches(DATE) closesOn: string;
}

export class ParameterValue {
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) value: number;
}

export class Line2Value {
  @ApiProperty({ example: 'Philippines', description: 'The name as IOM publishes it' })
  @IsString()
  @MaxLength(200)
  name: string;
  @ApiProperty({ enum: LINE_2_REGIONS, description: 'The region group of the published list' })
  @IsIn(LINE_2_REGIONS)
  region: string;
}

export class ListSourceValue {
  @ApiProperty({ example: 'fund1035-line2' }) @IsString() @MaxLength(60) dataset: string;
  @ApiProperty({ format: 'date' }) @Matches(DATE) effectiveFrom: string;
  @ApiProperty({ description: 'Publisher, title, address and the date it was read' })
  @IsString()
  @MaxLength(1000)
  source: string;
  @ApiPropertyOptional({ nullable: true, description: 'Entries the publication counts' })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  published: number | null;
  @ApiProperty({ description: 'Entries loaded' }) @IsInt() @Min(0) loaded: number;
  @ApiProperty({ description: 'Every entry of the publication was loaded' }) @IsBoolean() complete: boolean;
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(1000)
  note: string | null;
}

/** A budget category (issue 14), key `<list>.<code>` (`mptf.travel`, `f1035.staff`). */
export class BudgetCategoryValue {
  @ApiProperty({ example: 'Travel' }) @IsString() @MaxLength(200) name: string;
  @ApiProperty({
    enum: BUDGET_CATEGORY_COUNTS,
    description:
      'What its lines count as: direct or indirect-support costs (M4, per organisation), staff-and-office or ' +
      'other costs (F7, of the total)',
  })
  @IsIn(BUDGET_CATEGORY_COUNTS)
  counts: string;
}

export const VALUE_CLASSES: Record<Dataset, new () => object> = {
  country: CountryValue,
  'thematic-area': ThematicAreaValue,
  'un-organisation': EligibleItemValue,
  'focus-area': EligibleItemValue,
  'fund1035-beneficiary': BeneficiaryValue,
  article4: Article4Value,
  'call-round': CallRoundValue,
  'fund-parameter': ParameterValue,
  'fund1035-line2': Line2Value,
  'list-source': ListSourceValue,
  'budget-category': BudgetCategoryValue,
};

export const VALUE_SCHEMAS = [...new Set(Object.values(VALUE_CLASSES))];
