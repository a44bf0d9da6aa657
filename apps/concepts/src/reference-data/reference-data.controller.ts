import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { ProblemException, violationsOf } from '@fundline/http';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  validateSync,
} from 'class-validator';
import { DataSource } from 'typeorm';
import { DATASETS, Dataset } from './reference-snapshot';
import { ReferenceDataService } from './reference-data.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGIONS = [
  'africa',
  'asia-pacific',
  'europe',
  'latin-america-caribbean',
  'middle-east-north-africa',
  'north-america',
];

class CountryValue {
  @IsString() @MaxLength(200) name: string;
  @IsOptional() @IsIn(REGIONS) region: string | null;
  @IsBoolean() iomMember: boolean;
}
class ThematicAreaValue {
  @IsString() @MaxLength(300) name: string;
  @IsArray()
  @ArrayMinSize(1)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(23, { each: true })
  gcmObjectives: number[];
}
class EligibleItemValue {
  @IsString() @MaxLength(300) name: string;
  @IsBoolean() eligible: boolean;
}
class BeneficiaryValue {
  @IsIn(['low', 'lower-middle', 'upper-middle', 'high']) incomeGroup: string;
  @IsBoolean() euMember: boolean;
  @IsBoolean() withdrawn: boolean;
}
class Article4Value {
  @IsBoolean() subject: boolean;
  @Matches(DATE) since: string;
  @Matches(/^\d{1,17}$/, { message: 'arrearsMinor is an integer amount of US cents, as a string' })
  arrearsMinor: string;
  @Matches(/^\d{1,17}$/, { message: 'dueTwoYearsMinor is an integer amount of US cents, as a string' })
  dueTwoYearsMinor: string;
}
class CallRoundValue {
  @Matches(DATE) opensOn: string;
  @Matches(DATE) closesOn: string;
}
class ParameterValue {
  @IsInt() @Min(0) value: number;
}

const VALUE_CLASSES: Record<Dataset, new () => object> = {
  country: CountryValue,
  'thematic-area': ThematicAreaValue,
  'un-organisation': EligibleItemValue,
  'focus-area': EligibleItemValue,
  'fund1035-beneficiary': BeneficiaryValue,
  article4: Article4Value,
  'call-round': CallRoundValue,
  'fund-parameter': ParameterValue,
};

class RecordVersionDto {
  @ApiProperty({ example: '2026-01-01', description: 'The date from which this value is in force' })
  @IsISO8601({ strict: true })
  @Matches(DATE)
  effectiveFrom: string;

  @ApiPropertyOptional({ description: 'The new value (its shape depends on the dataset); null retires the key' })
  @IsOptional()
  @IsObject()
  @Type(() => Object)
  value: Record<string, unknown> | null;
}

class AsOfQuery {
  @ApiPropertyOptional({ example: '2026-11-22' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE)
  asOf?: string;
}

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('reference-data')
export class ReferenceDataController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referenceData: ReferenceDataService,
  ) {}

  @Get(':dataset')
  @Roles('government', 'fund-admin', 'steering-committee', 'finance-officer')
  @ApiOperation({ summary: `A reference list as in force on a date (${DATASETS.join(', ')})` })
  async list(@Param('dataset') dataset: string, @Query() query: AsOfQuery) {
    const known = this.known(dataset);
    const asOf = query.asOf ?? new Date().toISOString().slice(0, 10);
    const rows = await this.referenceData.rowsAsOf(this.dataSource.manager, asOf, known);
    return { dataset: known, asOf, items: rows.map((r) => ({ key: r.key, ...r.value })) };
  }

  @Put(':dataset/:key')
  @Roles('fund-admin')
  @ApiOperation({
    summary: 'Record a new version of one reference value, in force from a date; past verdicts keep theirs',
  })
  async record(
    @CurrentActor() actor: Actor,
    @Param('dataset') dataset: string,
    @Param('key') key: string,
    @Body() body: RecordVersionDto,
  ) {
    const known = this.known(dataset);
    if (!/^[A-Za-z0-9._-]{1,60}$/.test(key)) {
      throw new ProblemException(400, 'REFERENCE_DATA.KEY', 'The request is invalid', 'malformed key', [
        { field: 'key', rule: 'format', message: 'a key is 1 to 60 letters, digits, . _ -' },
      ]);
    }
    if (body.value !== null && body.value !== undefined) {
      const value = plainToInstance(VALUE_CLASSES[known], body.value);
      const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true });
      if (errors.length) {
        const list = violationsOf(errors, 'value');
        throw new ProblemException(
          400,
          'REQUEST.INVALID',
          'The request is invalid',
          list.map((v) => v.message).join('; '),
          list,
        );
      }
    }
    // The version and its event commit together (outbox).
    await this.dataSource.transaction((manager) =>
      this.referenceData.record(
        manager,
        { dataset: known, key, effectiveFrom: body.effectiveFrom, value: body.value ?? null },
        actor,
      ),
    );
    return { dataset: known, key, effectiveFrom: body.effectiveFrom, value: body.value ?? null };
  }

  private known(dataset: string): Dataset {
    if (!(DATASETS as readonly string[]).includes(dataset)) {
      throw new ProblemException(404, 'REFERENCE_DATA.UNKNOWN_DATASET', 'Not found', `no dataset ${dataset}`, [
        { field: 'dataset', rule: 'known', message: `known datasets: ${DATASETS.join(', ')}` },
      ]);
    }
    return dataset as Dataset;
  }
}
