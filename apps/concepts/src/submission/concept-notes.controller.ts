import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { requireCorrelationId, PageQuery } from '@fundline/http';
import { CommandBus } from '@nestjs/cqrs';
import { ConceptNoteQueries } from './concept-note-queries';
import { ConceptNoteView, CreateConceptNoteDto } from './concept-note.dto';
import { CreateConceptNoteDraft } from './create-concept-note-draft.command';
import { SubmitConceptNote } from './submit-concept-note.command';

const STAFF = ['fund-admin', 'steering-committee', 'finance-officer'] as const;

@ApiTags('concept notes (Migration MPTF)')
@ApiBearerAuth()
@Controller('concept-notes')
export class ConceptNotesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: ConceptNoteQueries,
  ) {}

  @Post()
  @Roles('government')
  @ApiOperation({ summary: 'A government drafts a joint programme concept note' })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateConceptNoteDto): Promise<ConceptNoteView> {
    const state = await this.commands.execute(
      new CreateConceptNoteDraft(actor, requireCorrelationId(), {
        title: body.title,
        scope: body.scope,
        countries: body.countries,
        thematicArea: body.thematicArea,
        gcmObjectives: body.gcmObjectives,
        participatingOrganisations: body.participatingOrganisations,
        requested: body.requested.toMoney(),
      }),
    );
    return ConceptNoteView.of(state);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('government')
  @ApiOperation({ summary: 'The owning government submits its draft (G4: draft → submitted)' })
  async submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ConceptNoteView> {
    return ConceptNoteView.of(await this.commands.execute(new SubmitConceptNote(actor, requireCorrelationId(), id)));
  }

  @Get()
  @Roles('government', ...STAFF)
  @ApiOperation({ summary: 'Concept notes: a government sees its own, fund staff see all' })
  list(@CurrentActor() actor: Actor, @Query() page: PageQuery) {
    return this.queries.list(actor, page.limit, page.offset);
  }

  @Get(':id')
  @Roles('government', ...STAFF)
  @ApiOperation({ summary: 'One concept note (a government only its own)' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ConceptNoteView> {
    return this.queries.get(actor, id);
  }

  @Get(':id/history')
  @Roles('government', ...STAFF)
  @ApiOperation({ summary: 'Audit trail of one concept note (G3)' })
  history(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.queries.history(actor, id);
  }
}
