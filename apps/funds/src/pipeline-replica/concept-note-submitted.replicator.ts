import { CONCEPT_NOTE_SUBMITTED_V1, ConceptNoteSubmittedV1, EventEnvelope } from '@fundline/contracts';
import { IntegrationEventHandler } from '@fundline/messaging';
import { Money } from '@fundline/money';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PipelineReplicaRecord } from './pipeline-replica.entity';

@Injectable()
export class ConceptNoteSubmittedReplicator implements IntegrationEventHandler {
  readonly handles = [CONCEPT_NOTE_SUBMITTED_V1];

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const p = event.payload as ConceptNoteSubmittedV1;
    const requested = Money.parse(p.requested.amount, p.requested.currency);
    await manager.upsert(
      PipelineReplicaRecord,
      {
        conceptId: p.conceptNoteId,
        fund: p.fund,
        status: 'submitted',
        submittingCountry: p.submittingCountry,
        countries: p.countries,
        requestedMinor: requested.amountMinor.toString(),
        currency: requested.currency,
        updatedAt: new Date(event.occurredAt),
      },
      ['conceptId'],
    );
  }
}
