import { Actor, EventEnvelope } from '@fundline/contracts';
import { Clock } from '@fundline/domain';
import { appendToOutbox, envelopeFor, OutboxRelay } from '@fundline/messaging';
import { IdempotentResult, runIdempotent } from '@fundline/persistence';
import { Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { JournalEntry } from '../ledger/journal-entry';
import { LedgerService } from '../ledger/ledger.service';
import { Allocation } from './allocation.aggregate';
import { AllocationRepository } from './allocation.repository';
import { allocationView } from './allocation.view';

/** A change to an existing allocation, as its command carries it. */
export interface AllocationCommand<B extends object> {
  actor: Actor;
  correlationId: string;
  idempotencyKey: string;
  allocationId: string;
  body: B;
}

export interface ChangeInProgress {
  manager: EntityManager;
  allocation: Allocation;
  now: Date;
  /** Posts the entries the aggregate returned; returns their ids. */
  post(entries: JournalEntry[]): Promise<string[]>;
  emit<T extends object>(type: string, payload: T): void;
}

/** What a change answers, when not the allocation itself (a revision answers with the revision). */
export interface Answer {
  status: number;
  body: object;
}

/**
 * What every change after approval shares (transfer, expenditure, revision and its decision, closure): once per
 * idempotency key, the allocation row locked so that concurrent changes queue (no transfer can pass a share, no two
 * revisions apply on one budget), ledger entries, the new state and the outbox in one transaction, and the allocation
 * (or what the change answers) as the answer.
 */
@Injectable()
export class AllocationChanges {
  constructor(
    private readonly dataSource: DataSource,
    private readonly allocations: AllocationRepository,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async run<B extends object>(
    kind: 'transfer' | 'expenditure' | 'revision' | 'revision-decision' | 'close',
    { actor, correlationId, idempotencyKey, allocationId, body }: AllocationCommand<B>,
    change: (progress: ChangeInProgress) => Promise<void | Answer>,
  ): Promise<IdempotentResult<object>> {
    const scope = `${actor.userId} POST /allocations/${allocationId}/${kind}`;
    const result = await runIdempotent(
      this.dataSource,
      { scope, key: idempotencyKey, body: { kind, body } },
      async (manager) => {
        const allocation = await this.allocations.lock(manager, allocationId);
        const now = this.clock.now();
        const events: EventEnvelope[] = [];
        const answer = await change({
          manager,
          allocation,
          now,
          post: async (entries) =>
            (await this.ledger.postAll(manager, entries, { actor, correlationId })).map((p) => p.entryId),
          emit: (type, payload) =>
            events.push(
              envelopeFor({
                type,
                aggregateId: allocation.state.conceptId,
                actor,
                correlationId,
                occurredAt: now,
                payload,
              }),
            ),
        });
        await this.allocations.save(manager, allocation, kind === 'close' ? now : undefined);
        await appendToOutbox(manager, events);
        return answer ?? { status: 200, body: allocationView(allocation) };
      },
    );
    this.relay?.nudge();
    return result;
  }
}
