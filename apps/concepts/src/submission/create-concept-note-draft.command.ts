import { Actor } from '@fundline/contracts';
import { Command } from '@nestjs/cqrs';
import { ConceptNoteContent, ConceptNoteState } from './concept-note.aggregate';

export class CreateConceptNoteDraft extends Command<Readonly<ConceptNoteState>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly content: ConceptNoteContent,
  ) {
    super();
  }
}
