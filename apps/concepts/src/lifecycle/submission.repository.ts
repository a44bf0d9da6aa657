import { randomUUID } from 'node:crypto';
import {
  EndorsementLetterV1,
  Actor,
  ConceptNoteSubmittedV1,
  EventEnvelope,
  ProjectProposalSubmittedV1,
  SUBMISSION_EVENT_TYPES,
  SubmissionScreenedV1,
  SubmissionStatusChangedV1,
} from '@fundline/contracts';
import { DomainError } from '@fundline/domain';
import { appendToOutbox, envelopeFor } from '@fundline/messaging';
import { tableOf } from '@fundline/persistence';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConceptHistoryRecord } from '../history/concept-history.entity';
import { ProjectProposal } from '../proposals/project-proposal.aggregate';
import { participatingOrganisations } from '../submission/concept-note.aggregate';
import { LifecycleEvent, SubmissionStatus } from './submission';
import { ScreeningRecord, SubmissionRecord } from './submission.entity';
import { AnySubmission, restore, toRecord } from './submission.mapping';

/** Governments see only their own submissions; staff roles see all. */
export function canSee(actor: Actor, submittingCountry: string): boolean {
  return actor.role !== 'government' || actor.country === submittingCountry;
}

export function notFound(id: string): DomainError {
  return new DomainError('SUBMISSION.NOT_FOUND', `submission ${id} not found`, 'not-found', [], { id });
}

function statusAfter(event: LifecycleEvent, current: SubmissionStatus): SubmissionStatus {
  switch (event.kind) {
    case 'drafted':
    case 'updated':
    case 'revised':
      return 'draft';
    case 'submitted':
      return 'submitted';
    case 'screened':
      if (!event.verdict.eligible) return 'screened-ineligible';
      return event.from === 'in-pipeline' || event.from === 'deferred' ? event.from : 'screened-eligible';
    case 'entered-pipeline':
      return 'in-pipeline';
    default:
      return current;
  }
}

export interface ChangeContext {
  actor: Actor;
  correlationId: string;
}

@Injectable()
export class SubmissionRepository {
  /**
   * Loads a submission the actor may see, locked for update. Another country's submission is reported as not
   * found, so its existence is not disclosed either.
   */
  async loadForUpdate(manager: EntityManager, id: string, actor: Actor): Promise<AnySubmission> {
    const record = await manager.findOne(SubmissionRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!record || !canSee(actor, record.submittingCountry)) throw notFound(id);
    return restore(record);
  }

  /** Saves the submission and, in the same transaction, its history (G3), verdicts and integration events. */
  async save(manager: EntityManager, submission: AnySubmission, context: ChangeContext): Promise<void> {
    await manager.save(SubmissionRecord, toRecord(submission));
    const s = submission.snapshot;
    const envelopes: EventEnvelope[] = [];
    const emit = <T extends object>(type: string, payload: T, at: Date) =>
      envelopes.push(
        envelopeFor<T>({
          type,
          aggregateId: s.id,
          actor: context.actor,
          correlationId: context.correlationId,
          occurredAt: at,
          payload,
        }),
      );
    for (const event of submission.pullEvents()) {
      const to =
        event.kind === 'decided'
          ? event.to
          : event.kind === 'withdrawn' || event.kind === 'expired'
            ? event.kind
            : statusAfter(event, s.status);
      await manager.insert(ConceptHistoryRecord, {
        conceptId: s.id,
        at: event.at,
        action:
          event.kind === 'screened' ? `screened (${event.trigger})` : event.kind === 'decided' ? event.to : event.kind,
        fromStatus: event.from,
        toStatus: to,
        actorUserId: context.actor.userId,
        actorRole: context.actor.role,
        actorCountry: context.actor.country ?? null,
        reason: 'reason' in event ? (event.reason ?? null) : null,
        correlationId: context.correlationId,
      });
      const types = SUBMISSION_EVENT_TYPES[submission.kind];
      if (event.kind === 'submitted') {
        const endorsementLetters = await lettersOf(manager, s.id);
        if (submission instanceof ProjectProposal) {
          const p = submission.snapshot;
          emit<ProjectProposalSubmittedV1>(
            types.submitted,
            {
              proposalId: p.id,
              fund: p.fund,
              title: p.title,
              submittingCountry: p.submittingCountry,
              region: p.region ?? undefined,
              scope: p.scope,
              countries: p.countries,
              creditLine: p.creditLine,
              focusArea: p.focusArea,
              requested: p.requested.toJSON(),
              parentProposalId: p.parentProposalId ?? undefined,
              version: p.version,
              submittedAt: event.at.toISOString(),
              endorsementLetters,
              budget: p.budget.lines.map((l) => ({ category: l.category, amount: l.amount.toJSON() })),
              resultsFramework: p.resultsFramework ?? undefined,
            },
            event.at,
          );
        } else {
          const n = submission.snapshot;
          emit<ConceptNoteSubmittedV1>(
            types.submitted,
            {
              conceptNoteId: n.id,
              fund: n.fund,
              title: n.title,
              submittingCountry: n.submittingCountry,
              region: n.region ?? undefined,
              scope: n.scope,
              countries: n.countries,
              thematicArea: n.thematicArea,
              gcmObjectives: n.gcmObjectives,
              participatingOrganisations: participatingOrganisations(n),
              requested: n.requested.toJSON(),
              version: n.version,
              submittedAt: event.at.toISOString(),
              endorsementLetters,
              budget: n.budget.flatMap((b) =>
                b.lines.map((l) => ({ category: l.category, organisation: b.organisation, amount: l.amount.toJSON() })),
              ),
              resultsFramework: n.resultsFramework ?? undefined,
            },
            event.at,
          );
        }
      } else if (event.kind === 'screened') {
        await manager.insert(ScreeningRecord, {
          id: randomUUID(),
          submissionId: s.id,
          version: s.version,
          trigger: event.trigger,
          referenceDate: event.verdict.referenceDate,
          screenedAt: event.at,
          eligible: event.verdict.eligible,
          lines: event.verdict.lines,
          actorUserId: context.actor.userId,
          actorRole: context.actor.role,
        });
        emit<SubmissionScreenedV1>(
          types.screened,
          {
            submissionId: s.id,
            fund: s.fund,
            version: s.version,
            trigger: event.trigger,
            referenceDate: event.verdict.referenceDate,
            eligible: event.verdict.eligible,
            lines: event.verdict.lines,
            status: s.status,
            expiresAt: s.expiresAt?.toISOString(),
            screenedAt: event.at.toISOString(),
          },
          event.at,
        );
      } else if (event.kind === 'withdrawn' || event.kind === 'expired' || event.kind === 'revised') {
        emit<SubmissionStatusChangedV1>(
          types[event.kind],
          {
            submissionId: s.id,
            fund: s.fund,
            version: s.version,
            fromStatus: event.from ?? 'draft',
            status: to,
            reason: 'reason' in event ? event.reason : undefined,
            at: event.at.toISOString(),
          },
          event.at,
        );
      }
    }
    await appendToOutbox(manager, envelopes);
  }
}

/** The endorsement letters attached to a submission (issue 13): named in its submitted event by id and hash. */
async function lettersOf(manager: EntityManager, conceptId: string): Promise<EndorsementLetterV1[]> {
  const rows: { country: string; document_id: string; sha256: string }[] = await manager.query(
    `SELECT l.country, d.document_id, d.sha256 FROM ${tableOf(manager, 'endorsement_letters')} l
     JOIN ${tableOf(manager, 'documents')} d ON d.document_id = l.document_id
     WHERE l.concept_id = $1 ORDER BY l.country, d.uploaded_at, d.document_id`,
    [conceptId],
  );
  return rows.map((r) => ({ country: r.country, documentId: r.document_id, sha256: r.sha256.trim() }));
}
