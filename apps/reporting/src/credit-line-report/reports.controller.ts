import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { ProblemException } from '@fundline/http';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { Response } from 'express';
import { FundStatusReport } from '../fund-status/fund-status.report';
import { ObligationsView } from '../obligations/obligations.view';
import {
  CreditLineReportResponse,
  FundStatusResponse,
  ObligationsResponse,
  PipelineGroupResponse,
  RegionalBalanceResponse,
} from '../report-responses';
import { GROUPINGS, PipelineViews } from '../pipeline/pipeline-views';
import { CatchUp, CatchUpQuery } from '../read-model/catch-up';
import { CreditLineReports, ReportPeriod } from './credit-line-report';
import { asCsv, asJson, asXlsx } from './credit-line-report.formats';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

class ReportQuery extends CatchUpQuery {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'Period of posting dates, start (default: 1 January of the year of `to`, else of `asOf`)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Period of posting dates, end, inclusive (default: 31 December)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to?: string;

  @ApiPropertyOptional({
    example: '2026',
    description:
      'Fund year: its funding and every movement that belongs to it, whenever posted, with the balance carried over from earlier years as the opening (not with from/to)',
  })
  @IsOptional()
  @Matches(/^\d{4}$/)
  year?: string;

  @ApiPropertyOptional({ example: '2026-11-30T23:59:59Z', description: 'The report as it stood at this moment' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'] })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}

class AsOfQuery extends CatchUpQuery {
  @ApiPropertyOptional({ example: '2026-11-30T23:59:59Z', description: 'The report as it stood at this moment' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

class PipelineGroupQuery extends CatchUpQuery {
  @ApiPropertyOptional({ enum: Object.keys(GROUPINGS) })
  @IsOptional()
  @IsIn(Object.keys(GROUPINGS))
  by?: keyof typeof GROUPINGS;

  @ApiPropertyOptional({ enum: ['MIGRATION_MPTF', 'FUND_1035'] })
  @IsOptional()
  @IsIn(['MIGRATION_MPTF', 'FUND_1035'])
  fund?: string;
}

class RegionalBalanceQuery extends CatchUpQuery {
  @ApiPropertyOptional({ example: '2026-11-22', description: 'The beneficiary list in force on this date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  on?: string;
}

class ObligationsQuery extends CatchUpQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @ApiPropertyOptional({ example: 'IOM' }) @IsOptional() @Matches(/^[A-Z0-9-]{2,20}$/) organisation?: string;
  @ApiPropertyOptional({ example: '2027-02-15', description: 'Judge overdue on this date (default today)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  on?: string;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly creditLines: CreditLineReports,
    private readonly fundStatus: FundStatusReport,
    private readonly catchUp: CatchUp,
    private readonly obligations: ObligationsView,
    private readonly pipeline: PipelineViews,
  ) {}

  @Get('pipeline')
  @Roles('finance-officer', 'fund-admin', 'steering-committee')
  @ApiOperation({
    summary: 'M7: pipeline entries grouped by status, thematic or focus area, region or country, with age and expiry',
  })
  @ApiOkResponse({ type: [PipelineGroupResponse] })
  async pipelineView(@Query() query: PipelineGroupQuery, @Res({ passthrough: true }) res: Response) {
    await this.catchUp.waitFor(query.after, res);
    return this.pipeline.grouped(query.fund, query.by ?? 'status', new Date());
  }

  @Get('regional-balance')
  @Roles('finance-officer', 'fund-admin', 'steering-committee')
  @ApiOperation({ summary: 'F10: per region, the share of Fund 1035 allocations beside the share of eligible states' })
  @ApiOkResponse({ type: RegionalBalanceResponse })
  async regionalBalance(@Query() query: RegionalBalanceQuery, @Res({ passthrough: true }) res: Response) {
    await this.catchUp.waitFor(query.after, res);
    return this.pipeline.regionalBalance(query.on ?? new Date().toISOString().slice(0, 10));
  }

  @Get('obligations')
  @Roles('finance-officer', 'fund-admin', 'steering-committee', 'government')
  @ApiOperation({
    summary: 'F12/M11: due and overdue reports, per allocation and per organisation (a government: its own)',
  })
  @ApiOkResponse({ type: ObligationsResponse })
  async obligationsView(
    @CurrentActor() actor: Actor,
    @Query() query: ObligationsQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.catchUp.waitFor(query.after, res);
    return this.obligations.list(actor, query.on ?? new Date().toISOString().slice(0, 10), {
      overdue: query.overdue === 'true',
      organisation: query.organisation,
    });
  }

  @Get('fund-status/MIGRATION_MPTF')
  @Roles('finance-officer', 'fund-admin', 'steering-committee')
  @ApiOperation({
    summary: 'M13: Migration MPTF sources, uses and balance; capitalization; by donor, organisation, area',
  })
  @ApiOkResponse({ type: FundStatusResponse })
  async migrationMptfStatus(@Query() query: AsOfQuery, @Res({ passthrough: true }) res: Response) {
    await this.catchUp.waitFor(query.after, res);
    return this.fundStatus.report(query.asOf ? new Date(query.asOf) : new Date());
  }

  @Get('credit-lines/:line')
  @Roles('finance-officer', 'fund-admin', 'steering-committee', 'government')
  @ApiOperation({
    summary:
      'F2/F12: one Fund 1035 credit line, never mixed: balances and movements of a fund year or a period, its projects (JSON, CSV, XLSX)',
  })
  @ApiExtraModels(CreditLineReportResponse)
  @ApiOkResponse({
    description:
      'JSON by default; `format=csv` the projects and a totals row; `format=xlsx` a Summary and a Projects sheet',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CreditLineReportResponse) } },
      'text/csv': { schema: { type: 'string', example: 'concept_id,title,country,…\r\nTOTAL,,,,,,470000.00,…' } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  async creditLine(
    @CurrentActor() actor: Actor,
    @Param('line') line: string,
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!CreditLineReports.isLine(line)) {
      throw new ProblemException(404, 'REPORT.UNKNOWN_LINE', 'Not found', `no credit line ${line}`, [
        { field: 'line', rule: 'F2', message: 'LINE_1 or LINE_2' },
      ]);
    }
    const asOf = query.asOf ? new Date(query.asOf) : new Date();
    if (query.year && (query.from || query.to)) {
      throw new ProblemException(400, 'REPORT.PERIOD', 'The request is invalid', 'a fund year or a period, not both', [
        { field: 'year', rule: 'F12', message: 'year selects a fund year, from and to a period of posting dates' },
      ]);
    }
    const calendarYear = (query.from ?? query.to ?? asOf.toISOString()).slice(0, 4);
    const period: ReportPeriod = query.year
      ? { fundYear: Number(query.year), asOf }
      : { from: query.from ?? `${calendarYear}-01-01`, to: query.to ?? `${calendarYear}-12-31`, asOf };
    if ('from' in period && period.from > period.to) {
      throw new ProblemException(400, 'REPORT.PERIOD', 'The request is invalid', 'the period ends before it starts', [
        { field: 'to', rule: 'period', message: `to (${period.to}) is before from (${period.from})` },
      ]);
    }
    await this.catchUp.waitFor(query.after, res);
    const report = await this.creditLines.report(line, period, actor);
    const name = `fund-1035-${line.toLowerCase()}-${'from' in period ? `${period.from}-${period.to}` : `fund-year-${period.fundYear}`}`;
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
      return asCsv(report);
    }
    if (query.format === 'xlsx') {
      return new StreamableFile(await asXlsx(report), {
        type: XLSX,
        disposition: `attachment; filename="${name}.xlsx"`,
      });
    }
    return asJson(report);
  }
}
