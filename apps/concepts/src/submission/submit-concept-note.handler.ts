import { CONCEPT_NOTE_SUBMITTED_V1, ConceptNoteSubmittedV1 } from '@fundline/contracts';
import { Clock } from '@fundline/domain';
import { appendToOutbox, envelopeFor, OutboxRelay } from '@fundline/messaging';
import { Optional } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ConceptNoteState } from './concept-note.aggregate';
import { ConceptNoteRepository } from './concept-note.repository';
import { SubmitConceptNote } from './submit-concept-note.command';

@CommandHandler(SubmitConceptNote)
export class SubmitConceptNoteHandler implements ICommandHandler<SubmitConceptNote> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notes: ConceptNoteRepository,
    private readonly clock: Clock,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async execute({ actor, correlationId, conceptNoteId }: SubmitConceptNote): Promise<Readonly<ConceptNoteState>> {
    const state = await this.dataSource.transaction(async (manager) => {
      const note = await this.notes.loadForUpdate(manager, conceptNoteId, actor);
      const now = this.clock.now();
      note.submit(now);
      const s = note.snapshot;
      await this.notes.save(manager, note);
      await this.notes.recordHistory(manager, {
        conceptId: s.id,
        at: now,
        action: 'submitted',
        fromStatus: 'draft',
        toStatus: s.status,
        actor,
        correlationId,
      });
      await appendToOutbox(manager, [
        envelopeFor<ConceptNoteSubmittedV1>({
          type: CONCEPT_NOTE_SUBMITTED_V1,
          aggregateId: s.id,
          actor,
          correlationId,
          occurredAt: now,
          payload: {
            conceptNoteId: s.id,
            fund: 'MIGRATION_MPTF',
            title: s.title,
            submittingCountry: s.submittingCountry,
            scope: s.scope,
            countries: s.countries,
            thematicArea: s.thematicArea,
            gcmObjectives: s.gcmObjectives,
            participatingOrganisations: s.participatingOrganisations,
            requested: s.requested.toJSON(),
            version: s.version,
            submittedAt: now.toISOString(),
          },
        }),
      ]);
      return s;
    });
    this.relay?.nudge();
    return state;
  }
}
