import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { requireCorrelationId } from '@fundline/http';
import { CommandBus } from '@nestjs/cqrs';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ProjectProposalDto } from '../proposals/project-proposal.dto';
import { ConceptNoteDto } from '../submission/concept-note.dto';
import { Change, ChangeSubmission } from './change-submission';
import { Draft, DraftSubmission } from './draft-submission';
import { SubmissionFilter, SubmissionQueries } from './submission.queries';
import { SubmitSubmission } from './submit-submission';
import { submissionView } from './submission.views';

const STAFF = ['fund-admin', 'steering-committee', 'finance-officer'] as const;

class WithdrawDto {
  @ApiProperty({ example: 'Merged into a regional programme' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

/** Drafting, one route per kind of submission, since their content differs. */
@ApiTags('submissions')
@ApiBearerAuth()
@Controller()
export class DraftsController {
  constructor(private readonly commands: CommandBus) {}

  private async draft(actor: Actor, draft: Draft, id?: string) {
    const submission = await this.commands.execute(new DraftSubmission(actor, requireCorrelationId(), draft, id));
    return submissionView(submission, actor);
  }

  @Post('concept-notes')
  @Roles('government')
  @ApiOperation({ summary: 'A government drafts a joint programme concept note to a fund that takes them' })
  createConceptNote(@CurrentActor() actor: Actor, @Body() body: ConceptNoteDto) {
    return this.draft(actor, { kind: 'concept-note', content: body.toContent() });
  }

  @Put('concept-notes/:id')
  @Roles('government')
  @ApiOperation({ summary: 'The owning government rewrites its draft concept note (only in draft, G4)' })
  updateConceptNote(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ConceptNoteDto,
  ) {
    return this.draft(actor, { kind: 'concept-note', content: body.toContent() }, id);
  }

  @Post('project-proposals')
  @Roles('government')
  @ApiOperation({ summary: 'A government drafts a Fund 1035 project proposal (Line 1 or Line 2)' })
  createProposal(@CurrentActor() actor: Actor, @Body() body: ProjectProposalDto) {
    return this.draft(actor, { kind: 'project-proposal', content: body.toContent() });
  }

  @Put('project-proposals/:id')
  @Roles('government')
  @ApiOperation({ summary: 'The owning government rewrites its draft project proposal (only in draft, G4)' })
  updateProposal(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ProjectProposalDto,
  ) {
    return this.draft(actor, { kind: 'project-proposal', content: body.toContent() }, id);
  }
}

/** The lifecycle and the reads every kind of submission shares. */
@ApiTags('submissions')
@ApiBearerAuth()
@Controller('concepts')
export class ConceptsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: SubmissionQueries,
  ) {}

  private async change(actor: Actor, id: string, change: Change) {
    const submission = await this.commands.execute(new ChangeSubmission(actor, requireCorrelationId(), id, change));
    return submissionView(submission, actor);
  }

  @Get()
  @Roles('government', ...STAFF)
  @ApiOperation({ summary: 'Submissions to every fund: a government sees its own, fund staff filter all' })
  list(@CurrentActor() actor: Actor, @Query() filter: SubmissionFilter) {
    return this.queries.list(actor, filter);
  }

  @Get(':id')
  @Roles('government', ...STAFF)
  @ApiOperation({ summary: 'One submission with its latest verdict (a government only its own)' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.queries.get(actor, id);
  }

  @Get(':id/history')
  @Roles('government', ...STAFF)
  @ApiOperation({ summary: 'Every change with actor, role, time and reason (G3)' })
  history(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.queries.history(actor, id);
  }

  @Get(':id/screenings')
  @Roles('government', ...STAFF)
  @ApiOperation({ summary: 'Every verdict given, oldest first' })
  screenings(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.queries.screenings(actor, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('government')
  @ApiOperation({ summary: 'Submit a draft: screened at once; eligible entries enter the pipeline (G4, M7)' })
  async submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    const submission = await this.commands.execute(new SubmitSubmission(actor, requireCorrelationId(), id));
    return this.queries.get(actor, submission.snapshot.id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('government')
  @ApiOperation({ summary: 'The owning government withdraws its submission before approval (G4)' })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: WithdrawDto) {
    return this.change(actor, id, { kind: 'withdraw', reason: body.reason });
  }

  @Post(':id/revise')
  @HttpCode(200)
  @Roles('government')
  @ApiOperation({ summary: 'An ineligible submission becomes a new draft version; its history is kept (G4)' })
  revise(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.change(actor, id, { kind: 'revise' });
  }

  @Post(':id/screenings')
  @HttpCode(200)
  @Roles('fund-admin')
  @ApiOperation({ summary: 'Re-screen against today’s reference data; the earlier verdict is kept' })
  async rescreen(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    await this.change(actor, id, { kind: 're-screen' });
    return this.queries.get(actor, id);
  }
}
