import { Clock, dayOf } from '@fundline/domain';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@fundline/auth';
import { Response } from 'express';
import { RegionalBalanceResponse } from '../report-responses';
import { CatchUp, OnDayQuery } from '../read-model/catch-up';
import { RegionalBalanceReport } from './regional-balance.report';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class RegionalBalanceController {
  constructor(
    private readonly regionalBalance: RegionalBalanceReport,
    private readonly catchUp: CatchUp,
    private readonly clock: Clock,
  ) {}

  @Get('regional-balance')
  @Roles('finance-officer', 'fund-admin', 'steering-committee')
  @ApiOperation({ summary: 'F10: per region, the share of Fund 1035 allocations beside the share of eligible states' })
  @ApiOkResponse({ type: RegionalBalanceResponse })
  async regionalBalanceView(@Query() query: OnDayQuery, @Res({ passthrough: true }) res: Response) {
    await this.catchUp.waitFor(query.after, res);
    return this.regionalBalance.report(query.on ?? dayOf(this.clock.now()));
  }
}
