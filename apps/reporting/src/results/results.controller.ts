import { Clock } from '@fundline/domain';
import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor, IsRegisteredFund } from '@fundline/contracts';
import { FundPolicies } from '@fundline/domain';
import { IsOptional, Matches } from 'class-validator';
import { Response } from 'express';
import { CatchUp } from '../read-model/catch-up';
import { AsOfFormatQuery, inFormat, XLSX } from '../report-format';
import { resultsCsv, resultsXlsx } from './results.formats';
import { FundIndicatorsResponse, ProgrammeResultsResponse } from './results.responses';
import { indicatorRows, ResultsView } from './results.view';

const READERS = ['finance-officer', 'fund-admin', 'steering-committee', 'government'] as const;

class ResultsQuery extends AsOfFormatQuery {}

class FundResultsQuery extends ResultsQuery {
  @ApiProperty({ enum: FundPolicies.codes() })
  @IsRegisteredFund()
  fund: string;

  @ApiPropertyOptional({ example: 'LINE_2', description: 'Only programmes drawing on this credit line (or window)' })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{2,40}$/)
  line?: string;
}

/** The formats a results route answers in, for the OpenAPI document. */
function resultsContent(json: new () => object) {
  return {
    description: 'JSON by default; `format=csv` or `format=xlsx`: one row per indicator',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(json) } },
      'text/csv': { schema: { type: 'string', example: 'concept_id,title,country,outcome_code,…' } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  };
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/results')
export class ResultsController {
  constructor(
    private readonly results: ResultsView,
    private readonly catchUp: CatchUp,
    private readonly clock: Clock,
  ) {}

  @Get(':conceptId')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'F12/M11: a programme’s results framework, target vs achieved per indicator (a government: its own)',
  })
  @ApiExtraModels(ProgrammeResultsResponse)
  @ApiOkResponse(resultsContent(ProgrammeResultsResponse))
  async programme(
    @CurrentActor() actor: Actor,
    @Param('conceptId', ParseUUIDPipe) conceptId: string,
    @Query() query: ResultsQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.catchUp.waitFor(query.after, res);
    const programme = await this.results.ofConcept(actor, conceptId, this.asOf(query));
    return this.answer(res, query.format, `results-${conceptId}`, programme, [programme]);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'F12/M11: every indicator of a fund’s programmes (or of one line), target vs achieved (a government: its own)',
  })
  @ApiExtraModels(FundIndicatorsResponse)
  @ApiOkResponse(resultsContent(FundIndicatorsResponse))
  async fund(
    @CurrentActor() actor: Actor,
    @Query() query: FundResultsQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.catchUp.waitFor(query.after, res);
    const asOf = this.asOf(query);
    const programmes = await this.results.ofFund(actor, query.fund, query.line, asOf);
    const name = ['results', query.fund, query.line].filter(Boolean).join('-').toLowerCase().replace(/_/g, '-');
    const json = {
      fund: query.fund,
      line: query.line ?? null,
      asOf: asOf.toISOString(),
      items: indicatorRows(programmes),
    };
    return this.answer(res, query.format, name, json, programmes);
  }

  private asOf(query: ResultsQuery): Date {
    return query.asOf ? new Date(query.asOf) : this.clock.now();
  }

  private answer(
    res: Response,
    format: ResultsQuery['format'],
    name: string,
    json: object,
    programmes: Parameters<typeof indicatorRows>[0],
  ) {
    return inFormat(res, format, name, {
      json: () => json,
      csv: () => resultsCsv(indicatorRows(programmes)),
      xlsx: () => resultsXlsx(indicatorRows(programmes)),
    });
  }
}
