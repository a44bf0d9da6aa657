import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { DomainError } from '@fundline/domain';
import { ApiIdempotencyKey, IdempotencyKey, requireCorrelationId, sendIdempotent } from '@fundline/http';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { DecideRevision, RevisionDecisionDto } from './decide-revision';
import { RequestRevision, RevisionRequestDto } from './request-revision';
import { revisionView } from './revision.view';
import { RevisionRepository } from './revisions.repository';

@ApiTags('steering committee and allocations')
@ApiBearerAuth()
@Controller('allocations/:id/revisions')
export class RevisionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    private readonly revisions: RevisionRepository,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('fund-admin', 'finance-officer')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      'Request a budget revision, a no-cost extension or a change of scope, with its justification, at least a month ' +
      'before the end date: a budget move within the threshold is recorded at once, anything else waits for a decision (RV1)',
  })
  async request(
    @CurrentActor() a: Actor,
    @IdempotencyKey() k: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RevisionRequestDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendIdempotent(
      res,
      await this.commands.execute(new RequestRevision(a, requireCorrelationId(), k, id, body)),
    );
  }

  @Post(':revisionId/decision')
  @HttpCode(200)
  @Roles('steering-committee')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      'Approve or refuse a pending revision (the approving authority): within the ceiling (F4) and the available ' +
      'balance (G5), no share below its transfers (M10); an extension moves the reports owed (RV4, F12)',
  })
  async decide(
    @CurrentActor() a: Actor,
    @IdempotencyKey() k: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('revisionId', ParseUUIDPipe) revisionId: string,
    @Body() body: RevisionDecisionDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendIdempotent(
      res,
      await this.commands.execute(new DecideRevision(a, requireCorrelationId(), k, id, revisionId, body)),
    );
  }

  @Get()
  @Roles('fund-admin', 'steering-committee', 'finance-officer', 'government')
  @ApiOperation({ summary: 'The revisions of an allocation: fund staff, and the government whose concept it is' })
  async list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    const manager = this.dataSource.manager;
    const owner: { submitting_country: string }[] = await manager.query(
      `SELECT r.submitting_country FROM "funds"."allocations" a
       JOIN "funds"."pipeline_replica" r ON r.concept_id = a.concept_id WHERE a.id = $1`,
      [id],
    );
    // G6 / ADR 0006: another government is answered as if the allocation did not exist.
    if (owner.length === 0 || (actor.role === 'government' && owner[0].submitting_country !== actor.country)) {
      throw new DomainError('ALLOCATION.NOT_FOUND', `no allocation ${id}`, 'not-found', [], { id });
    }
    return (await this.revisions.list(manager, id)).map(revisionView);
  }
}
