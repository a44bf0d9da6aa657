import { Clock, dayOf, yearOf } from '@fundline/domain';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
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
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { Response } from 'express';
import { CreditLineReportResponse } from '../report-responses';
import { CatchUp } from '../read-model/catch-up';
import { AsOfFormatQuery, inFormat, XLSX } from '../report-format';
import { CreditLineReports, ReportPeriod } from './credit-line-report';
import { asCsv, asJson, asXlsx } from './credit-line-report.formats';

class ReportQuery extends AsOfFormatQuery {
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
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class CreditLineReportController {
  constructor(
    private readonly creditLines: CreditLineReports,
    private readonly catchUp: CatchUp,
    private readonly clock: Clock,
  ) {}

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
    const fund = CreditLineReports.fundOf(line);
    if (!fund) {
      throw new ProblemException(
        404,
        'REPORT.UNKNOWN_LINE',
        'Not found',
        `no credit line ${line}`,
        [
          {
            field: 'line',
            rule: 'F2',
            message: CreditLineReports.lines()
              .map((l) => l.line)
              .join(' or '),
          },
        ],
        { line },
      );
    }
    const asOf = query.asOf ? new Date(query.asOf) : this.clock.now();
    if (query.year && (query.from || query.to)) {
      throw new ProblemException(400, 'REPORT.PERIOD', 'The request is invalid', 'a fund year or a period, not both', [
        { field: 'year', rule: 'F12', message: 'year selects a fund year, from and to a period of posting dates' },
      ]);
    }
    const calendarYear = String(yearOf(query.from ?? query.to ?? dayOf(asOf)));
    const period: ReportPeriod = query.year
      ? { fundYear: Number(query.year), asOf }
      : { from: query.from ?? `${calendarYear}-01-01`, to: query.to ?? `${calendarYear}-12-31`, asOf };
    if ('from' in period && period.from > period.to) {
      throw new ProblemException(
        400,
        'REPORT.PERIOD',
        'The request is invalid',
        'the period ends before it starts',
        [{ field: 'to', rule: 'period', message: `to (${period.to}) is before from (${period.from})` }],
        {},
        'REVERSED',
      );
    }
    await this.catchUp.waitFor(query.after, res);
    const report = await this.creditLines.report(fund.code, line, period, actor);
    const name = `${fund.code.toLowerCase().replace(/_/g, '-')}-${line.toLowerCase()}-${'from' in period ? `${period.from}-${period.to}` : `fund-year-${period.fundYear}`}`;
    return inFormat(res, query.format, name, {
      json: () => asJson(report),
      csv: () => asCsv(report),
      xlsx: () => asXlsx(report),
    });
  }
}
