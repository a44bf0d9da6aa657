import {
  ALL_SUBMISSION_TYPES,
  CONCEPT_NOTE_SUBMITTED_V1,
  ConceptsTopicEvent,
  isEventOf,
  SCREENED_TYPES,
  STATUS_CHANGED_TYPES,
  SUBMITTED_TYPES,
} from '@fundline/contracts';
import { IntegrationEventHandler } from '@fundline/messaging';
import { Money } from '@fundline/money';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PipelineEntryRecord } from './pipeline-entry.entity';

/** The pipeline read model of both funds, from the concepts topic only. Events of one submission arrive in order. */
@Injectable()
export class SubmissionProjection implements IntegrationEventHandler<ConceptsTopicEvent> {
  readonly handles = ALL_SUBMISSION_TYPES;

  async handle(event: ConceptsTopicEvent, manager: EntityManager): Promise<void> {
    if (isEventOf(event, SUBMITTED_TYPES)) {
      const p = event.payload;
      await manager.upsert(
        PipelineEntryRecord,
        {
          conceptId: 'conceptNoteId' in p ? p.conceptNoteId : p.proposalId,
          fund: p.fund,
          kind: event.type === CONCEPT_NOTE_SUBMITTED_V1 ? 'concept-note' : 'project-proposal',
          title: p.title,
          status: 'submitted',
          version: p.version,
          submittingCountry: p.submittingCountry,
          region: p.region ?? null,
          scope: p.scope,
          countries: p.countries,
          thematicArea: 'thematicArea' in p ? p.thematicArea : null,
          focusArea: 'focusArea' in p ? p.focusArea : null,
          creditLine: 'creditLine' in p ? p.creditLine : null,
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
    } else if (isEventOf(event, SCREENED_TYPES)) {
      const p = event.payload;
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
    } else if (isEventOf(event, STATUS_CHANGED_TYPES)) {
      const p = event.payload;
      await manager.update(
        PipelineEntryRecord,
        { conceptId: p.submissionId },
        { status: p.status, version: p.version, lastEventId: event.eventId, projectedAt: new Date() },
      );
    }
  }
}
