import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { DomainError } from '@fundline/domain';
import {
  ApiIdempotencyKey,
  IdempotencyKey,
  PublishedBeforeReply,
  requireCorrelationId,
  sendIdempotent,
} from '@fundline/http';
import { CommandBus } from '@nestjs/cqrs';
import { Transform } from 'class-transformer';
import { IsBoolean, IsISO8601, IsOptional, Matches } from 'class-validator';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { DecisionDto, OpenSessionDto, PositionDto } from '../committee/committee.dto';
import { DecideOnEntry } from '../committee/decide-on-entry';
import { OpenSession, RecordPosition } from '../committee/session-commands';
import {
  allocationFrom,
  AllocationChange,
  ChangeAllocation,
  CloseDto,
  ExpenditureDto,
  RevisionDto,
  TransferDto,
  view,
} from './allocation-commands';
import { AllocationRecord, CommitteeSessionRecord, DecisionRecord } from './allocation.entities';
import { Obligations } from './obligations';

class SubmitObligationDto {
  @ApiProperty({ example: '2027-01-10' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  submittedOn: string;
}

class ObligationsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  overdue?: boolean;
}

@ApiTags('steering committee and allocations')
@ApiBearerAuth()
@Controller()
export class AllocationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    private readonly obligations: Obligations,
  ) {}

  @Post('committee-sessions')
  @Roles('fund-admin')
  @ApiOperation({ summary: 'Open a session of the fund’s deciding body with its members and agenda (M8, F11)' })
  openSession(@CurrentActor() actor: Actor, @Body() body: OpenSessionDto) {
    return this.commands.execute(new OpenSession(actor, body));
  }

  @Get('committee-sessions/:id')
  @Roles('fund-admin', 'steering-committee', 'finance-officer')
  @ApiOperation({ summary: 'A session with its positions and decisions' })
  async session(@Param('id', ParseUUIDPipe) id: string) {
    const session = await this.dataSource.manager.findOne(CommitteeSessionRecord, { where: { id } });
    if (!session) throw new DomainError('SESSION.NOT_FOUND', `no session ${id}`, 'not-found');
    const decisions = await this.dataSource.manager.find(DecisionRecord, {
      where: { sessionId: id },
      order: { decidedAt: 'ASC' },
    });
    return { ...session, decisions };
  }

  @Post('committee-sessions/:id/positions')
  @HttpCode(200)
  @Roles('steering-committee')
  @ApiOperation({ summary: 'Record a member’s position on an agenda entry, with its reason (M8)' })
  position(@Param('id', ParseUUIDPipe) id: string, @Body() body: PositionDto) {
    return this.commands.execute(new RecordPosition(id, body));
  }

  @Post('committee-sessions/:id/decisions')
  @Roles('steering-committee')
  @ApiIdempotencyKey()
  @PublishedBeforeReply()
  @ApiOperation({ summary: 'Approve (ceilings, balance, eligibility re-checked in one transaction), defer or reject' })
  async decide(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DecisionDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendIdempotent(
      res,
      await this.commands.execute(new DecideOnEntry(actor, requireCorrelationId(), key, id, body)),
    );
  }

  @Get('allocations/:id')
  @Roles('fund-admin', 'steering-committee', 'finance-officer')
  @ApiOperation({ summary: 'An allocation: shares, transfers, expenditure and delivery rate per organisation' })
  async allocation(@Param('id', ParseUUIDPipe) id: string) {
    const record = await this.dataSource.manager.findOne(AllocationRecord, { where: { id } });
    if (!record) throw new DomainError('ALLOCATION.NOT_FOUND', `no allocation ${id}`, 'not-found');
    return view(allocationFrom(record));
  }

  private async change(actor: Actor, key: string, id: string, change: AllocationChange, res: Response) {
    return sendIdempotent(
      res,
      await this.commands.execute(new ChangeAllocation(actor, requireCorrelationId(), key, id, change)),
    );
  }

  @Post('allocations/:id/transfers')
  @HttpCode(200)
  @Roles('finance-officer')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Transfer a tranche to a participating organisation, within its approved share (M10)' })
  transfer(
    @CurrentActor() a: Actor,
    @IdempotencyKey() k: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TransferDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(a, k, id, { kind: 'transfer', body }, res);
  }

  @Post('allocations/:id/expenditures')
  @HttpCode(200)
  @Roles('finance-officer')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Record an organisation’s expenditure for a year, within what it received (M11)' })
  expenditure(
    @CurrentActor() a: Actor,
    @IdempotencyKey() k: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ExpenditureDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(a, k, id, { kind: 'expenditure', body }, res);
  }

  @Post('allocations/:id/revisions')
  @HttpCode(200)
  @Roles('fund-admin')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Budget revision or no-cost extension, at least a month before the end date' })
  revise(
    @CurrentActor() a: Actor,
    @IdempotencyKey() k: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RevisionDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(a, k, id, { kind: 'revision', body }, res);
  }

  @Post('allocations/:id/close')
  @HttpCode(200)
  @Roles('finance-officer')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Close with the final reports; the unspent balance is refunded and available again (M12)' })
  close(
    @CurrentActor() a: Actor,
    @IdempotencyKey() k: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CloseDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(a, k, id, { kind: 'close', body }, res);
  }

  @Get('allocations/:id/obligations')
  @Roles('fund-admin', 'steering-committee', 'finance-officer')
  @ApiOperation({ summary: 'Reporting obligations of an allocation and their due dates (F12, M11)' })
  allocationObligations(@Param('id', ParseUUIDPipe) id: string, @Query() query: ObligationsQuery) {
    return this.obligations.list({ allocationId: id, overdue: query.overdue });
  }

  @Get('obligations')
  @Roles('fund-admin', 'steering-committee', 'finance-officer')
  @ApiOperation({ summary: 'Reporting obligations of every allocation; ?overdue=true for the overdue ones' })
  allObligations(@Query() query: ObligationsQuery) {
    return this.obligations.list({ overdue: query.overdue });
  }

  @Post('allocations/:id/obligations/:obligationId/submit')
  @HttpCode(200)
  @Roles('fund-admin', 'finance-officer')
  @ApiOperation({ summary: 'Record that a report was submitted' })
  submitObligation(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('obligationId', ParseUUIDPipe) obligationId: string,
    @Body() body: SubmitObligationDto,
  ) {
    return this.obligations.submit(actor, requireCorrelationId(), id, obligationId, body.submittedOn);
  }
}
