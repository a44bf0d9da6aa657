import { ConceptsTopicEvent, isEventOf, SUBMITTED_TYPES } from '@fundline/contracts';
import { IntegrationEventHandler } from '@fundline/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { plainResultsFramework } from '@fundline/http';
import { ResultsFrameworkRecord } from './results.entities';

/**
 * Keeps the results framework a concept was submitted with, one row per submitted version: until staff record one for
 * the allocation, it is the allocation's framework. Beside the pipeline replica on funds' consumer; idempotent by the
 * inbox, and by the key (a replayed submission inserts nothing).
 */
@Injectable()
export class SubmittedResultsFrameworks implements IntegrationEventHandler<ConceptsTopicEvent> {
  readonly handles = SUBMITTED_TYPES;

  async handle(event: ConceptsTopicEvent, manager: EntityManager): Promise<void> {
    if (!isEventOf(event, SUBMITTED_TYPES)) return;
    const p = event.payload;
    if (!p.resultsFramework) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(ResultsFrameworkRecord)
      .values({
        conceptId: 'conceptNoteId' in p ? p.conceptNoteId : p.proposalId,
        source: 'submission',
        version: p.version,
        allocationId: null,
        framework: plainResultsFramework(p.resultsFramework),
        recordedAt: new Date(event.occurredAt),
        recordedBy: event.actor.userId,
      })
      .orIgnore()
      .execute();
  }
}
