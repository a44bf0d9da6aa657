import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { ProblemException } from '@fundline/http';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { Response } from 'express';
import { FundStatusReport } from '../fund-status/fund-status.report';
import { ObligationsView } from '../obligations/obligations.view';
import { GROUPINGS, PipelineViews } from '../pipeline/pipeline-views';
import { CatchUp, CatchUpQuery } from '../read-model/catch-up';
import { CreditLineReports } from './credit-line-report';
import { asCsv, asJson, asXlsx } from './credit-line-report.formats';

class ReportQuery extends CatchUpQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Period start (default: 1 January of the fund year)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Period end, inclusive (default: 31 December)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to?: string;

  @ApiPropertyOptional({ example: '2026', description: 'Fund year, when from/to are not given' })
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
  async pipelineView(@Query() query: PipelineGroupQuery, @Res({ passthrough: true }) res: Response) {
    await this.catchUp.waitFor(query.after, res);
    return this.pipeline.grouped(query.fund, query.by ?? 'status', new Date());
  }

  @Get('regional-balance')
  @Roles('finance-officer', 'fund-admin', 'steering-committee')
  @ApiOperation({ summary: 'F10: per region, the share of Fund 1035 allocations beside the share of eligible states' })
  async regionalBalance(@Query() query: RegionalBalanceQuery, @Res({ passthrough: true }) res: Response) {
    await this.catchUp.waitFor(query.after, res);
    return this.pipeline.regionalBalance(query.on ?? new Date().toISOString().slice(0, 10));
  }

  @Get('obligations')
  @Roles('finance-officer', 'fund-admin', 'steering-committee', 'government')
  @ApiOperation({
    summary: 'F12/M11: due and overdue reports, per allocation and per organisation (a government: its own)',
  })
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
  async migrationMptfStatus(@Query() query: AsOfQuery, @Res({ passthrough: true }) res: Response) {
    await this.catchUp.waitFor(query.after, res);
    return this.fundStatus.report(query.asOf ? new Date(query.asOf) : new Date());
  }

  @Get('credit-lines/:line')
  @Roles('finance-officer', 'fund-admin', 'steering-committee', 'government')
  @ApiOperation({
    summary:
      'F2/F12: one Fund 1035 credit line, never mixed: balances and movements of a period, its projects (JSON, CSV, XLSX)',
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
    const year = query.year ?? (query.from ?? query.to ?? new Date().toISOString()).slice(0, 4);
    const period = {
      from: query.from ?? `${year}-01-01`,
      to: query.to ?? `${year}-12-31`,
      asOf: query.asOf ? new Date(query.asOf) : new Date(),
    };
    if (period.from > period.to) {
      throw new ProblemException(400, 'REPORT.PERIOD', 'The request is invalid', 'the period ends before it starts', [
        { field: 'to', rule: 'period', message: `to (${period.to}) is before from (${period.from})` },
      ]);
    }
    await this.catchUp.waitFor(query.after, res);
    const report = await this.creditLines.report(line, period, actor);
    const name = `fund-1035-${line.toLowerCase()}-${period.from}-${period.to}`;
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
      return asCsv(report);
    }
    if (query.format === 'xlsx') {
      return new StreamableFile(await asXlsx(report), {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        disposition: `attachment; filename="${name}.xlsx"`,
      });
    }
    return asJson(report);
  }
}
