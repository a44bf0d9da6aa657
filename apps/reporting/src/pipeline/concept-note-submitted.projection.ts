import { CONCEPT_NOTE_SUBMITTED_V1, ConceptNoteSubmittedV1, EventEnvelope } from '@fundline/contracts';
import { IntegrationEventHandler } from '@fundline/messaging';
import { Money } from '@fundline/money';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PipelineEntryRecord } from './pipeline-entry.entity';

@Injectable()
export class ConceptNoteSubmittedProjection implements IntegrationEventHandler {
  readonly handles = [CONCEPT_NOTE_SUBMITTED_V1];

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const p = event.payload as ConceptNoteSubmittedV1;
    await manager.upsert(
      PipelineEntryRecord,
      {
        conceptId: p.conceptNoteId,
        fund: p.fund,
        title: p.title,
        status: 'submitted',
        version: p.version,
        submittingCountry: p.submittingCountry,
        scope: p.scope,
        countries: p.countries,
        thematicArea: p.thematicArea,
        requestedMinor: Money.parse(p.requested.amount, p.requested.currency).amountMinor.toString(),
        currency: p.requested.currency,
        submittedAt: new Date(p.submittedAt),
        lastEventId: event.eventId,
        projectedAt: new Date(),
      },
      ['conceptId'],
    );
  }
}
