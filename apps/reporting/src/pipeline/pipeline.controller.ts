import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { Response } from 'express';
import { CatchUp } from '../read-model/catch-up';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor, IsRegisteredFund } from '@fundline/contracts';
import { DomainError, FundPolicies } from '@fundline/domain';
import { Page, PageQuery } from '@fundline/http';
import { Money } from '@fundline/money';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { PipelinePageResponse, PipelineEntryResponse } from '../report-responses';
import { PipelineDecisionRecord, PipelineEntryRecord } from './pipeline-entry.entity';

export class PipelineQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'A Fundline-Event-Position: wait (bounded) until the read model applied it' })
  @IsOptional()
  @IsUUID()
  after?: string;

  @ApiPropertyOptional({ enum: FundPolicies.codes() })
  @IsOptional()
  @IsRegisteredFund()
  fund?: string;

  @ApiPropertyOptional({ example: 'PHL', description: 'Submitting country (ISO 3166 alpha-3)' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  country?: string;

  @ApiPropertyOptional({ example: 'submitted' })
  @IsOptional()
  @Matches(/^[a-z-]{1,40}$/)
  status?: string;
}

function view(r: PipelineEntryRecord) {
  return {
    conceptId: r.conceptId,
    fund: r.fund,
    kind: r.kind,
    title: r.title,
    status: r.status,
    version: r.version,
    submittingCountry: r.submittingCountry,
    scope: r.scope,
    countries: r.countries,
    region: r.region,
    thematicArea: r.thematicArea,
    focusArea: r.focusArea,
    creditLine: r.creditLine,
    eligible: r.eligible,
    verdict: r.verdict,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    requested: Money.ofMinor(BigInt(r.requestedMinor), r.currency).toJSON(),
    submittedAt: r.submittedAt.toISOString(),
  };
}

@ApiTags('pipeline')
@ApiBearerAuth()
@Controller('pipeline')
@Roles('government', 'fund-admin', 'steering-committee', 'finance-officer')
export class PipelineController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catchUp: CatchUp,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Submitted concepts (read model): fund staff see all, a government only its own' })
  @ApiOkResponse({ type: PipelinePageResponse })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: PipelineQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Page<ReturnType<typeof view>>> {
    await this.catchUp.waitFor(query.after, res);
    // A decision taken by the funds service wins over the concepts service's status (two topics, no order between).
    const qb = this.dataSource.manager
      .createQueryBuilder(PipelineEntryRecord, 'p')
      .leftJoin(PipelineDecisionRecord, 'd', 'd.conceptId = p.conceptId')
      .addSelect('coalesce(d.status, p.status)', 'current_status');
    if (query.fund) qb.andWhere('p.fund = :fund', { fund: query.fund });
    if (query.status) qb.andWhere('coalesce(d.status, p.status) = :status', { status: query.status });
    // A government's filter is forced to its own country, whatever it asked for.
    const country = actor.role === 'government' ? actor.country : query.country;
    if (country) qb.andWhere('p.submitting_country = :country', { country });
    const total = await qb.getCount();
    const { entities, raw } = await qb
      .orderBy('p.submitted_at', 'DESC')
      .addOrderBy('p.concept_id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getRawAndEntities<{ current_status: string; p_concept_id: string }>();
    const statusOf = new Map(raw.map((r) => [r.p_concept_id, r.current_status]));
    return {
      items: entities.map((e) => ({ ...view(e), status: statusOf.get(e.conceptId) ?? e.status })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  @Get(':conceptId')
  @ApiOperation({ summary: 'One pipeline entry (a government only its own)' })
  @ApiOkResponse({ type: PipelineEntryResponse })
  async get(@CurrentActor() actor: Actor, @Param('conceptId', ParseUUIDPipe) conceptId: string) {
    const row = await this.dataSource.manager.findOne(PipelineEntryRecord, { where: { conceptId } });
    if (!row || (actor.role === 'government' && row.submittingCountry !== actor.country)) {
      throw new DomainError('PIPELINE.NOT_FOUND', `pipeline entry ${conceptId} not found`, 'not-found', [], {
        conceptId,
      });
    }
    const decision = await this.dataSource.manager.findOne(PipelineDecisionRecord, { where: { conceptId } });
    return { ...view(row), status: decision?.status ?? row.status };
  }
}
