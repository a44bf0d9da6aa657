import {
  ALL_SUBMISSION_TYPES,
  ConceptNoteSubmittedV1,
  EventEnvelope,
  ProjectProposalSubmittedV1,
  SUBMITTED_TYPES,
  SubmissionScreenedV1,
  SubmissionStatusChangedV1,
} from '@fundline/contracts';
import { IntegrationEventHandler } from '@fundline/messaging';
import { Money } from '@fundline/money';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PipelineReplicaRecord } from './pipeline-replica.entity';

/** Keeps the funds service's replica of the pipeline: what is eligible, for how much, on which line. */
@Injectable()
export class PipelineReplicator implements IntegrationEventHandler {
  readonly handles = ALL_SUBMISSION_TYPES;

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (SUBMITTED_TYPES.includes(event.type)) {
      const p = event.payload as ConceptNoteSubmittedV1 | ProjectProposalSubmittedV1;
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
          requestedMinor: requested.amountMinor.toString(),
          currency: requested.currency,
          updatedAt: new Date(event.occurredAt),
        },
        ['conceptId'],
      );
      return;
    }
    const p = event.payload as SubmissionScreenedV1 | SubmissionStatusChangedV1;
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
