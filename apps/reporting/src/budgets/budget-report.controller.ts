import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { Clock, DomainError, FundPolicies } from '@fundline/domain';
import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Response } from 'express';
import { CatchUp } from '../read-model/catch-up';
import { AsOfFormatQuery, inFormat, XLSX } from '../report-format';
import { BudgetReportResponse } from './budget-report.responses';
import { BudgetReports, BudgetScope } from './budget-report';
import { budgetCsv, budgetJson, budgetXlsx } from './budget-report.formats';

const STAFF = ['finance-officer', 'fund-admin', 'steering-committee'] as const;

const OK = {
  description:
    'JSON by default (rows by organisation and category, the categories across organisations, totals); `format=csv` or `xlsx`',
  content: {
    'application/json': { schema: { $ref: getSchemaPath(BudgetReportResponse) } },
    'text/csv': { schema: { type: 'string', example: 'organisation,category,budget_usd,…\r\nTOTAL,,…' } },
    [XLSX]: { schema: { type: 'string', format: 'binary' } },
  },
};

/** Issue 14: budget against transfers against expenditure by category, for a programme or a line or window. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(BudgetReportResponse)
@Controller('reports/budgets')
export class BudgetReportController {
  constructor(
    private readonly budgets: BudgetReports,
    private readonly catchUp: CatchUp,
    private readonly clock: Clock,
  ) {}

  @Get('programmes/:conceptId')
  @Roles(...STAFF, 'government')
  @ApiOperation({ summary: 'One programme: budget, transfers and expenditure by organisation and category (M11)' })
  @ApiOkResponse(OK)
  programme(
    @CurrentActor() actor: Actor,
    @Param('conceptId', ParseUUIDPipe) conceptId: string,
    @Query() query: AsOfFormatQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(actor, { conceptId }, query, res, `budget-${conceptId}`);
  }

  @Get(':fund/:pocket')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'A credit line or thematic window: budget, transfers and expenditure by category (M11)' })
  @ApiOkResponse(OK)
  pocket(
    @CurrentActor() actor: Actor,
    @Param('fund') fund: string,
    @Param('pocket') pocket: string,
    @Query() query: AsOfFormatQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const policy = FundPolicies.of(fund);
    if (!policy.pockets.some((p) => p.code === pocket)) {
      throw new DomainError('REPORT.UNKNOWN_POCKET', `${fund} has no line or window ${pocket}`, 'not-found', [], {
        fund,
        pocket,
      });
    }
    return this.send(actor, { fund, pocket }, query, res, `budget-${fund}-${pocket}`.toLowerCase().replace(/_/g, '-'));
  }

  private async send(actor: Actor, scope: BudgetScope, query: AsOfFormatQuery, res: Response, name: string) {
    await this.catchUp.waitFor(query.after, res);
    const report = await this.budgets.report(scope, query.asOf ? new Date(query.asOf) : this.clock.now(), actor);
    return inFormat(res, query.format, name, {
      json: () => budgetJson(report),
      csv: () => budgetCsv(report),
      xlsx: () => budgetXlsx(report),
    });
  }
}
