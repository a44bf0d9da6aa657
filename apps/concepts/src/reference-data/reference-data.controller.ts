import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { Clock, dayOf } from '@fundline/domain';
import { ProblemException, violationsOf, PublishedBeforeReply } from '@fundline/http';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { DataSource } from 'typeorm';
import { DATASETS, Dataset } from './reference-snapshot';
import { ReferenceDataService } from './reference-data.service';
import { IMPORTABLE, MAX_IMPORT_BYTES } from './reference-import';
import { DATE, VALUE_CLASSES, VALUE_SCHEMAS } from './reference-values';

const VALUE_ONE_OF = VALUE_SCHEMAS.map((c) => ({ $ref: getSchemaPath(c) }));

class EffectiveDated {
  @ApiProperty({ example: '2027-01-01', description: 'The date from which the value, or the list, is in force' })
  @IsISO8601({ strict: true })
  @Matches(DATE)
  effectiveFrom: string;
}

class RecordVersionDto extends EffectiveDated {
  /** Required although null is allowed: retiring a key must be said (null), never the effect of a field left out. */
  @ApiProperty({
    description:
      'The new value, of the shape of its dataset (country: CountryValue, fund1035-beneficiary: BeneficiaryValue, ' +
      'article4: Article4Value, fund1035-line2: Line2Value, list-source: ListSourceValue, thematic-area, ' +
      'un-organisation and focus-area, call-round, fund-parameter, budget-category: BudgetCategoryValue); null retires the key, and it cannot be left out',
    oneOf: VALUE_ONE_OF,
    required: true,
    nullable: true,
    example: { incomeGroup: 'lower-middle', euMember: false, withdrawn: false },
  })
  @ValidateIf((_, value) => value !== null)
  @IsDefined({ message: 'value is required: the new value, or null to retire the key' })
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

class ImportQuery extends EffectiveDated {
  @ApiProperty({
    example: 'IOM, Eligible Member States - Line 2, https://iom.int/eligible-member-states-line-2 (read 2027-06-20)',
    description: 'Where the list comes from: publisher, title, address, the date it was read',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  source: string;

  @ApiPropertyOptional({ description: 'true: answer the changes and write nothing', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsIn([true, false], { message: 'dryRun is true or false' })
  dryRun?: boolean;
}

const LIST_DIFF_ITEM = {
  type: 'object',
  properties: { key: { type: 'string', example: 'PHL' }, value: { oneOf: VALUE_ONE_OF } },
};

@ApiTags('reference data')
@ApiBearerAuth()
@ApiExtraModels(...VALUE_SCHEMAS)
@Controller('reference-data')
export class ReferenceDataController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referenceData: ReferenceDataService,
    private readonly clock: Clock,
  ) {}

  @Get(':dataset')
  @Roles('government', 'fund-admin', 'steering-committee', 'finance-officer')
  @ApiOperation({ summary: `A reference list as in force on a date (${DATASETS.join(', ')})` })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        dataset: { type: 'string', enum: [...DATASETS] },
        asOf: { type: 'string', format: 'date' },
        items: {
          type: 'array',
          description: 'Each key with its value in force, the value of the shape of the dataset',
          items: { allOf: [{ type: 'object', properties: { key: { type: 'string' } } }, { oneOf: VALUE_ONE_OF }] },
        },
      },
    },
  })
  async list(@Param('dataset') dataset: string, @Query() query: AsOfQuery) {
    const known = this.known(dataset);
    const asOf = query.asOf ?? dayOf(this.clock.now());
    const rows = await this.referenceData.rowsAsOf(this.dataSource.manager, asOf, known);
    return { dataset: known, asOf, items: rows.map((r) => ({ key: r.key, ...r.value })) };
  }

  @Put(':dataset/:key')
  @Roles('fund-admin')
  @PublishedBeforeReply()
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

  @Post(':dataset/import')
  @HttpCode(200)
  @Roles('fund-admin')
  @PublishedBeforeReply()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 0, parts: 1 } }))
  @ApiOperation({
    summary: `Replace a whole published list from a CSV file (${Object.keys(IMPORTABLE).join(', ')}), in force from a date`,
    description:
      'The file has a header `code,<value fields>` (fund1035-line2: code,name,region; fund1035-beneficiary: ' +
      'code,incomeGroup,euMember,withdrawn; country: code,name,region,iomMember) and one row per ISO 3166-1 ' +
      'alpha-3 code. Keys added or changed get a version from effectiveFrom, keys absent are retired, the source is ' +
      'recorded in list-source; each version is published like a PUT. With dryRun=true the same changes are ' +
      'answered and nothing is written. A file with any bad line is refused whole (422 naming line and column).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: `CSV, UTF-8, at most ${MAX_IMPORT_BYTES} bytes` },
      },
    },
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        dataset: { type: 'string' },
        effectiveFrom: { type: 'string', format: 'date' },
        dryRun: { type: 'boolean' },
        added: { type: 'array', items: LIST_DIFF_ITEM },
        removed: { type: 'array', items: LIST_DIFF_ITEM },
        changed: {
          type: 'array',
          items: {
            type: 'object',
            properties: { key: { type: 'string' }, from: { oneOf: VALUE_ONE_OF }, to: { oneOf: VALUE_ONE_OF } },
          },
        },
        unchanged: { type: 'integer' },
      },
    },
  })
  async import(
    @CurrentActor() actor: Actor,
    @Param('dataset') dataset: string,
    @Query() query: ImportQuery,
    @UploadedFile() file: { buffer: Buffer } | undefined,
  ) {
    const known = this.known(dataset);
    if (!file) {
      throw new ProblemException(400, 'REFERENCE_DATA.FILE_REQUIRED', 'The request is invalid', 'no file was sent', [
        { field: 'file', rule: 'required', message: 'send the CSV as the multipart/form-data part "file"' },
      ]);
    }
    const request = {
      dataset: known,
      csv: file.buffer.toString('utf8'),
      effectiveFrom: query.effectiveFrom,
      source: query.source,
      dryRun: query.dryRun === true,
    };
    if (request.dryRun) return this.referenceData.importList(this.dataSource.manager, request, actor);
    // Every version, the source and their events commit together, or nothing does.
    return this.dataSource.transaction((manager) => this.referenceData.importList(manager, request, actor));
  }

  private known(dataset: string): Dataset {
    if (!(DATASETS as readonly string[]).includes(dataset)) {
      throw new ProblemException(
        404,
        'REFERENCE_DATA.UNKNOWN_DATASET',
        'Not found',
        `no dataset ${dataset}`,
        [{ field: 'dataset', rule: 'known', message: `known datasets: ${DATASETS.join(', ')}` }],
        { dataset },
      );
    }
    return dataset as Dataset;
  }
}
