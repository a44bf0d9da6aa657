import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import {
  ApiIdempotencyKey,
  IdempotencyKey,
  PublishedBeforeReply,
  requireCorrelationId,
  sendIdempotent,
} from '@fundline/http';
import { CommandBus } from '@nestjs/cqrs';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { CommitteeSessions } from './committee-sessions.repository';
import { DecisionDto, OpenSessionDto, PositionDto } from './committee.dto';
import { DecideOnEntry } from './decisions/decide-on-entry';
import { OpenSession } from './sessions/open-session';
import { RecordPosition } from './sessions/record-position';

@ApiTags('steering committee and allocations')
@ApiBearerAuth()
@Controller()
export class CommitteeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    private readonly sessions: CommitteeSessions,
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
    return this.sessions.withDecisions(this.dataSource.manager, id);
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
}
