import {
  ALL_SUBMISSION_TYPES,
  CONCEPT_NOTE_SUBMITTED_V1,
  ConceptNoteSubmittedV1,
  EventEnvelope,
  ProjectProposalSubmittedV1,
  SCREENED_TYPES,
  SUBMITTED_TYPES,
  SubmissionScreenedV1,
  SubmissionStatusChangedV1,
} from '@fundline/contracts';
import { IntegrationEventHandler } from '@fundline/messaging';
import { Money } from '@fundline/money';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PipelineEntryRecord } from './pipeline-entry.entity';

/** The pipeline read model of both funds, from the concepts topic only. Events of one submission arrive in order. */
@Injectable()
export class SubmissionProjection implements IntegrationEventHandler {
  readonly handles = ALL_SUBMISSION_TYPES;

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (SUBMITTED_TYPES.includes(event.type)) {
      const note = event.type === CONCEPT_NOTE_SUBMITTED_V1 ? (event.payload as ConceptNoteSubmittedV1) : undefined;
      const proposal = note ? undefined : (event.payload as ProjectProposalSubmittedV1);
      const p = (note ?? proposal)!;
      await manager.upsert(
        PipelineEntryRecord,
        {
          conceptId: note?.conceptNoteId ?? proposal!.proposalId,
          fund: p.fund,
          kind: note ? 'concept-note' : 'project-proposal',
          title: p.title,
          status: 'submitted',
          version: p.version,
          submittingCountry: p.submittingCountry,
          region: p.region ?? null,
          scope: p.scope,
          countries: p.countries,
          thematicArea: note?.thematicArea ?? null,
          focusArea: proposal?.focusArea ?? null,
          creditLine: proposal?.creditLine ?? null,
          requestedMinor: Money.parse(p.requested.amount, p.requested.currency).amountMinor.toString(),
          currency: p.requested.currency,
          submittedAt: new Date(p.submittedAt),
          eligible: null,
          verdict: null,
          expiresAt: null,
          lastEventId: event.eventId,
          projectedAt: new Date(),
        },
        ['conceptId'],
      );
    } else if (SCREENED_TYPES.includes(event.type)) {
      const p = event.payload as SubmissionScreenedV1;
      await manager.update(
        PipelineEntryRecord,
        { conceptId: p.submissionId },
        {
          status: p.status,
          eligible: p.eligible,
          verdict: p.lines.map(({ rule, passed, detail }) => ({ rule, passed, detail })),
          expiresAt: p.expiresAt ? new Date(p.expiresAt) : null,
          lastEventId: event.eventId,
          projectedAt: new Date(),
        },
      );
    } else {
      const p = event.payload as SubmissionStatusChangedV1;
      await manager.update(
        PipelineEntryRecord,
        { conceptId: p.submissionId },
        { status: p.status, version: p.version, lastEventId: event.eventId, projectedAt: new Date() },
      );
    }
  }
}
