import { randomUUID } from 'node:crypto';
import { Actor } from '@fundline/contracts';
import { Clock, dayOf, DomainError } from '@fundline/domain';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ProjectProposal, ProjectProposalContent } from '../proposals/project-proposal.aggregate';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { ConceptNote, ConceptNoteContent } from '../submission/concept-note.aggregate';
import { AnySubmission } from './submission.mapping';
import { SubmissionRepository } from './submission.repository';

export type Draft =
  { kind: 'concept-note'; content: ConceptNoteContent } | { kind: 'project-proposal'; content: ProjectProposalContent };

export class DraftSubmission extends Command<AnySubmission> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly draft: Draft,
    /** Set to edit an existing draft; unset to create one. */
    readonly submissionId?: string,
  ) {
    super();
  }
}

/** A government writes (or rewrites, G4: only in draft) its concept note or project proposal. */
@CommandHandler(DraftSubmission)
export class DraftSubmissionHandler implements ICommandHandler<DraftSubmission> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly submissions: SubmissionRepository,
    private readonly referenceData: ReferenceDataService,
    private readonly clock: Clock,
  ) {}

  async execute({ actor, correlationId, draft, submissionId }: DraftSubmission): Promise<AnySubmission> {
    const country = actor.country;
    if (actor.role !== 'government' || !country) {
      throw new DomainError(
        'SUBMISSION.GOVERNMENT_LED',
        'only a government drafts and submits (M2, F5); fund staff never submit on its behalf',
        'forbidden',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const reference = await this.referenceData.snapshot(manager, dayOf(now));
      let submission: AnySubmission;
      if (submissionId) {
        submission = await this.submissions.loadForUpdate(manager, submissionId, actor);
        if (submission.kind !== draft.kind) {
          throw new DomainError(
            'SUBMISSION.KIND',
            `submission ${submissionId} is a ${submission.kind}`,
            'conflict',
            [],
            {
              id: submissionId,
              kind: submission.kind,
            },
          );
        }
        if (submission instanceof ConceptNote) submission.update(draft.content as ConceptNoteContent, reference, now);
        else submission.update(draft.content as ProjectProposalContent, reference, now);
      } else {
        const input = { id: randomUUID(), submittingCountry: country, ownerUserId: actor.userId, at: now };
        submission =
          draft.kind === 'concept-note'
            ? ConceptNote.draft({ ...input, content: draft.content }, reference)
            : ProjectProposal.draft({ ...input, content: draft.content }, reference);
      }
      await this.submissions.save(manager, submission, { actor, correlationId });
      return submission;
    });
  }
}
