import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { requireCorrelationId, ResultsFrameworkDto } from '@fundline/http';
import { RecordResultsFramework } from './record-framework';
import { ReportProgress } from './report-progress';
import { ProgressReportDto } from './results.dto';

@ApiTags('results')
@ApiBearerAuth()
@Controller('allocations/:id')
export class ResultsController {
  constructor(
    private readonly frameworks: RecordResultsFramework,
    private readonly progress: ReportProgress,
  ) {}

  @Put('results-framework')
  @Roles('fund-admin', 'finance-officer')
  @ApiOperation({
    summary:
      'Record the results framework (F12): a new version in place of the submitted one; fulfils the monitoring-framework obligation if owed',
  })
  record(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ResultsFrameworkDto) {
    return this.frameworks.record(actor, requireCorrelationId(), id, body);
  }

  @Post('obligations/:obligationId/progress')
  @HttpCode(200)
  @Roles('fund-admin', 'finance-officer')
  @ApiOperation({
    summary:
      'Progress per indicator with an interim or final narrative report (F12, M11); again for the same report: a new version',
  })
  reportProgress(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('obligationId', ParseUUIDPipe) obligationId: string,
    @Body() body: ProgressReportDto,
  ) {
    return this.progress.report(actor, requireCorrelationId(), id, obligationId, body.progress);
  }
}
