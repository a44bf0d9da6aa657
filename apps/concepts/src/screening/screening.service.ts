import { Injectable } from '@nestjs/common';
import { tableOf } from '@fundline/persistence';
import { EntityManager } from 'typeorm';
import { Verdict } from '../lifecycle/submission';
import { SubmissionRecord } from '../lifecycle/submission.entity';
import { AnySubmission } from '../lifecycle/submission.mapping';
import { ProjectProposal } from '../proposals/project-proposal.aggregate';
import { parameter, ReferenceSnapshot } from '../reference-data/reference-snapshot';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { screenConceptNote } from './concept-note.screening';
import { screenProjectProposal } from './project-proposal.screening';

/**
 * Screens a submission against the reference data in force on one date: every rule gives a named verdict line. The
 * rules are those of the form it is written on, which is its fund's form (checked when drafted): M1–M6 for a concept
 * note to any fund that takes them, F1–F11 for a project proposal. No fund code decides them.
 */
@Injectable()
export class ScreeningService {
  constructor(private readonly referenceData: ReferenceDataService) {}

  async screen(
    manager: EntityManager,
    submission: AnySubmission,
    referenceDate: string,
    /** The reference data in force on `referenceDate`, when the caller has already read it. */
    known?: ReferenceSnapshot,
  ): Promise<{ verdict: Verdict; validityMonths: number }> {
    const snapshot = known ?? (await this.referenceData.snapshot(manager, referenceDate));
    const letters = (
      (await manager.query(
        `SELECT DISTINCT country FROM ${tableOf(manager, 'endorsement_letters')} WHERE concept_id = $1`,
        [submission.snapshot.id],
      )) as { country: string }[]
    ).map((r) => r.country);
    let lines;
    if (submission instanceof ProjectProposal) {
      const p = submission.snapshot;
      const parent = p.parentProposalId
        ? await manager.findOne(SubmissionRecord, { where: { id: p.parentProposalId } })
        : null;
      lines = screenProjectProposal(
        p,
        snapshot,
        parent ? { id: parent.id, fund: parent.fund, creditLine: parent.creditLine, status: parent.status } : null,
        letters,
      );
    } else {
      lines = screenConceptNote(submission.snapshot, snapshot, letters);
    }
    return {
      verdict: { eligible: lines.every((l) => l.passed), referenceDate, lines },
      validityMonths: parameter(snapshot, 'pipeline.validity-months'),
    };
  }
}
