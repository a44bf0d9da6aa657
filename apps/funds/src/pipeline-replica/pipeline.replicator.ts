import {
  ALL_SUBMISSION_TYPES,
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
import { PipelineReplicaRecord } from './pipeline-replica.entity';

/** Keeps the funds service's replica of the pipeline: what is eligible, for how much, on which line, by category. */
@Injectable()
export class PipelineReplicator implements IntegrationEventHandler<ConceptsTopicEvent> {
  readonly handles = ALL_SUBMISSION_TYPES;

  async handle(event: ConceptsTopicEvent, manager: EntityManager): Promise<void> {
    if (isEventOf(event, SUBMITTED_TYPES)) {
      const p = event.payload;
      const requested = Money.parse(p.requested.amount, p.requested.currency);
      await manager.upsert(
        PipelineReplicaRecord,
        {
          conceptId: 'conceptNoteId' in p ? p.conceptNoteId : p.proposalId,
          fund: p.fund,
          status: 'submitted',
          submittingCountry: p.submittingCountry,
          countries: p.countries,
          creditLine: 'creditLine' in p ? p.creditLine : null,
          parentId: 'parentProposalId' in p ? (p.parentProposalId ?? null) : null,
          thematicArea: 'thematicArea' in p ? p.thematicArea : null,
          scope: p.scope,
          title: p.title,
          requestedMinor: requested.amountMinor.toString(),
          budget:
            p.budget?.map((line) => ({
              category: line.category,
              organisation: line.organisation ?? null,
              amountMinor: Money.parse(line.amount.amount, line.amount.currency).amountMinor.toString(),
            })) ?? null,
          currency: requested.currency,
          updatedAt: new Date(event.occurredAt),
        },
        ['conceptId'],
      );
      return;
    }
    if (isEventOf(event, [...SCREENED_TYPES, ...STATUS_CHANGED_TYPES])) {
      const p = event.payload;
      await manager.update(
        PipelineReplicaRecord,
        { conceptId: p.submissionId },
        {
          status: p.status,
          ...('expiresAt' in p ? { expiresAt: p.expiresAt ? new Date(p.expiresAt) : null } : {}),
          updatedAt: new Date(event.occurredAt),
        },
      );
    }
  }
}
