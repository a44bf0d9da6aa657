import {
  ALLOCATION_APPROVED_V2,
  ALLOCATION_CLOSED_V1,
  ALLOCATION_DEFERRED_V2,
  ALLOCATION_REJECTED_V2,
  FundsTopicEvent,
  TRANSFER_DISBURSED_V1,
} from '@fundline/contracts';
import { IntegrationEventHandler } from '@fundline/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SubmissionRepository } from './submission.repository';

const STATUS_OF = {
  [ALLOCATION_APPROVED_V2]: 'approved',
  [ALLOCATION_DEFERRED_V2]: 'deferred',
  [ALLOCATION_REJECTED_V2]: 'rejected',
  [TRANSFER_DISBURSED_V1]: 'under-implementation',
  [ALLOCATION_CLOSED_V1]: 'closed',
} as const;

/** The concept's status follows the funds service's decisions and money (G4); the history says who and why (G3). */
@Injectable()
export class AllocationFollower implements IntegrationEventHandler<FundsTopicEvent> {
  readonly handles = Object.keys(STATUS_OF);

  /** Handlers are built by the messaging module; the repository needs nothing injected. */
  private readonly submissions = new SubmissionRepository();

  async handle(event: FundsTopicEvent, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case ALLOCATION_APPROVED_V2:
      case ALLOCATION_DEFERRED_V2:
      case ALLOCATION_REJECTED_V2:
      case TRANSFER_DISBURSED_V1:
      case ALLOCATION_CLOSED_V1: {
        const reasons = 'reasons' in event.payload ? event.payload.reasons : undefined;
        const submission = await this.submissions.loadForUpdate(manager, event.payload.conceptId, event.actor);
        submission.follow(STATUS_OF[event.type], new Date(event.occurredAt), reasons);
        await this.submissions.save(manager, submission, { actor: event.actor, correlationId: event.correlationId });
      }
    }
  }
}
