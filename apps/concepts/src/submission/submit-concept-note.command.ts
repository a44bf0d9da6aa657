import { Actor } from '@fundline/contracts';
import { Command } from '@nestjs/cqrs';
import { ConceptNoteState } from './concept-note.aggregate';

export class SubmitConceptNote extends Command<Readonly<ConceptNoteState>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly conceptNoteId: string,
  ) {
    super();
  }
}
