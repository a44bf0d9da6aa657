import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@fundline/auth';
import { Clock, FundPolicies } from '@fundline/domain';
import { IsIn, IsOptional } from 'class-validator';
import { Response } from 'express';
import { PipelineGroupResponse } from '../report-responses';
import { CatchUp, CatchUpQuery } from '../read-model/catch-up';
import { IsRegisteredFund } from '@fundline/contracts';
import { GROUPINGS, PipelineViews } from './pipeline-views';

class PipelineGroupQuery extends CatchUpQuery {
  @ApiPropertyOptional({ enum: Object.keys(GROUPINGS) })
  @IsOptional()
  @IsIn(Object.keys(GROUPINGS))
  by?: keyof typeof GROUPINGS;

  @ApiPropertyOptional({ enum: FundPolicies.codes() })
  @IsOptional()
  @IsRegisteredFund()
  fund?: string;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class PipelineGroupsController {
  constructor(
    private readonly pipeline: PipelineViews,
    private readonly catchUp: CatchUp,
    private readonly clock: Clock,
  ) {}

  @Get('pipeline')
  @Roles('finance-officer', 'fund-admin', 'steering-committee')
  @ApiOperation({
    summary: 'M7: pipeline entries grouped by status, thematic or focus area, region or country, with age and expiry',
  })
  @ApiOkResponse({ type: [PipelineGroupResponse] })
  async pipelineView(@Query() query: PipelineGroupQuery, @Res({ passthrough: true }) res: Response) {
    await this.catchUp.waitFor(query.after, res);
    return this.pipeline.grouped(query.fund, query.by ?? 'status', this.clock.now());
  }
}
