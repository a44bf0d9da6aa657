import { Clock, dayOf } from '@fundline/domain';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { Response } from 'express';
import { ObligationsResponse } from '../report-responses';
import { CatchUp, OnDayQuery } from '../read-model/catch-up';
import { ObligationsView } from './obligations.view';

class ObligationsQuery extends OnDayQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @ApiPropertyOptional({ example: 'IOM' }) @IsOptional() @Matches(/^[A-Z0-9-]{2,20}$/) organisation?: string;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ObligationsController {
  constructor(
    private readonly obligations: ObligationsView,
    private readonly catchUp: CatchUp,
    private readonly clock: Clock,
  ) {}

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
    return this.obligations.list(actor, query.on ?? dayOf(this.clock.now()), {
      overdue: query.overdue === 'true',
      organisation: query.organisation,
    });
  }
}
