import {
  ALLOCATION_APPROVED_V1,
  ALLOCATION_CLOSED_V1,
  ALLOCATION_DEFERRED_V1,
  ALLOCATION_REJECTED_V1,
  AllocationDecidedV1,
  EventEnvelope,
  TRANSFER_DISBURSED_V1,
} from '@fundline/contracts';
import { IntegrationEventHandler } from '@fundline/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SubmissionRepository } from './submission.repository';

const STATUS_OF: Record<string, 'approved' | 'deferred' | 'rejected' | 'under-implementation' | 'closed'> = {
  [ALLOCATION_APPROVED_V1]: 'approved',
  [ALLOCATION_DEFERRED_V1]: 'deferred',
  [ALLOCATION_REJECTED_V1]: 'rejected',
  [TRANSFER_DISBURSED_V1]: 'under-implementation',
  [ALLOCATION_CLOSED_V1]: 'closed',
};

/** The concept's status follows the funds service's decisions and money (G4); the history says who and why (G3). */
@Injectable()
export class AllocationFollower implements IntegrationEventHandler {
  readonly handles = Object.keys(STATUS_OF);

  /** Handlers are built by the messaging module; the repository needs nothing injected. */
  private readonly submissions = new SubmissionRepository();

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const { conceptId, reasons } = event.payload as AllocationDecidedV1;
    const submission = await this.submissions.loadForUpdate(manager, conceptId, event.actor);
    submission.follow(STATUS_OF[event.type], new Date(event.occurredAt), reasons);
    await this.submissions.save(manager, submission, { actor: event.actor, correlationId: event.correlationId });
  }
}
