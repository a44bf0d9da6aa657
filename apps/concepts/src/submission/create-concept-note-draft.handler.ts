import { randomUUID } from 'node:crypto';
import { Clock, DomainError } from '@fundline/domain';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { ConceptNote, ConceptNoteState } from './concept-note.aggregate';
import { ConceptNoteRepository } from './concept-note.repository';
import { CreateConceptNoteDraft } from './create-concept-note-draft.command';

@CommandHandler(CreateConceptNoteDraft)
export class CreateConceptNoteDraftHandler implements ICommandHandler<CreateConceptNoteDraft> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notes: ConceptNoteRepository,
    private readonly referenceData: ReferenceDataService,
    private readonly clock: Clock,
  ) {}

  async execute({ actor, correlationId, content }: CreateConceptNoteDraft): Promise<Readonly<ConceptNoteState>> {
    if (actor.role !== 'government' || !actor.country) {
      throw new DomainError('CONCEPT_NOTE.GOVERNMENT_LED', 'only a government submits concept notes (M2)', 'forbidden');
    }
    const country = actor.country;
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const note = ConceptNote.draft(
        { id: randomUUID(), submittingCountry: country, ownerUserId: actor.userId, content, at: now },
        await this.referenceData.forConceptNotes(manager),
      );
      await this.notes.save(manager, note);
      await this.notes.recordHistory(manager, {
        conceptId: note.snapshot.id,
        at: now,
        action: 'draft-created',
        fromStatus: null,
        toStatus: note.snapshot.status,
        actor,
        correlationId,
      });
      return note.snapshot;
    });
  }
}
