import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@fundline/auth';
import { Clock, FundPolicies } from '@fundline/domain';
import { ProblemException } from '@fundline/http';
import { IsISO8601, IsOptional } from 'class-validator';
import { Response } from 'express';
import { FundStatusResponse } from '../report-responses';
import { CatchUp, CatchUpQuery } from '../read-model/catch-up';
import { fundWhere } from '@fundline/contracts';
import { FundStatusReport } from './fund-status.report';

class AsOfQuery extends CatchUpQuery {
  @ApiPropertyOptional({ example: '2026-11-30T23:59:59Z', description: 'The report as it stood at this moment' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class FundStatusController {
  constructor(
    private readonly fundStatus: FundStatusReport,
    private readonly catchUp: CatchUp,
    private readonly clock: Clock,
  ) {}

  @Get('fund-status/:fund')
  @Roles('finance-officer', 'fund-admin', 'steering-committee')
  @ApiOperation({
    summary:
      'M13: a pooled fund’s (the Migration MPTF’s) sources, uses and balance; capitalization; by donor, organisation, area',
  })
  @ApiParam({
    name: 'fund',
    example: FundPolicies.withReport('fund-status')[0]?.code,
    description: 'A fund whose policy has the fund-status report',
  })
  @ApiOkResponse({ type: FundStatusResponse })
  async fundStatusOf(
    @Param('fund') fund: string,
    @Query() query: AsOfQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!fundWhere(fund, { report: 'fund-status' })) {
      throw new ProblemException(
        404,
        'REPORT.UNKNOWN_FUND',
        'Not found',
        `no fund status report for ${fund}`,
        [
          {
            field: 'fund',
            rule: 'M13',
            message: FundPolicies.withReport('fund-status')
              .map((p) => p.code)
              .join(' or '),
          },
        ],
        { fund },
      );
    }
    await this.catchUp.waitFor(query.after, res);
    return this.fundStatus.report(fund, query.asOf ? new Date(query.asOf) : this.clock.now());
  }
}
