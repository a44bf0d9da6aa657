import { randomUUID } from 'node:crypto';
import {
  Actor,
  ALLOCATION_DECISION_TYPES,
  AllocationApprovedV2,
  AllocationDecidedV2,
  ApprovedAllocationV1,
} from '@fundline/contracts';
import { Clock } from '@fundline/domain';
import { appendToOutbox, ConsumerProgress, envelopeFor, OutboxRelay } from '@fundline/messaging';
import { Money } from '@fundline/money';
import { IdempotentResult, runIdempotent } from '@fundline/persistence';
import { Optional } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Approvals } from '../../allocation/approval/approvals';
import { Allocation } from '../../allocation/allocation.aggregate';
import { CommitteeSessions } from '../committee-sessions.repository';
import { budgetLinesView } from '../../allocation/revision/revision.view';
import { DecisionDto } from '../committee.dto';

export class DecideOnEntry extends Command<IdempotentResult<object>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly idempotencyKey: string,
    readonly sessionId: string,
    readonly decision: DecisionDto,
  ) {
    super();
  }
}

const OUTCOME = { approve: 'approved', defer: 'deferred', reject: 'rejected' } as const;

/**
 * M8, G5: a decision on one agenda entry, once per idempotency key. The session (quorum, consensus, recusal) and the
 * entry are locked; an approval is the allocation aggregate's (its rules and the fund's), posted to the ledger in the
 * same transaction as the decision and its event.
 */
@CommandHandler(DecideOnEntry)
export class DecideOnEntryHandler implements ICommandHandler<DecideOnEntry> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: CommitteeSessions,
    private readonly approvals: Approvals,
    private readonly clock: Clock,
    @Optional() private readonly relay?: OutboxRelay,
    @Optional() private readonly replicas?: ConsumerProgress,
  ) {}

  async execute({ actor, correlationId, idempotencyKey, sessionId, decision }: DecideOnEntry) {
    // F3, G4: decide on nothing older than what concepts had published when the request came (docs/adr/0013).
    await this.replicas?.awaitCaughtUp();
    const scope = `${actor.userId} POST /committee-sessions/${sessionId}/decisions`;
    const result = await runIdempotent(
      this.dataSource,
      { scope, key: idempotencyKey, body: decision },
      async (manager) => {
        const now = this.clock.now();
        const { session } = await this.sessions.lock(manager, sessionId);
        const entry = session.entryToDecide(
          decision.conceptId,
          await this.sessions.lockEntry(manager, decision.conceptId),
          decision.decision,
        );
        const participation = session.decide(entry.conceptId, entry.countries, decision.decision);
        const decisionId = randomUUID();
        await this.sessions.recordDecision(manager, {
          id: decisionId,
          sessionId,
          conceptId: entry.conceptId,
          decision: decision.decision,
          reasons: decision.reasons,
          participants: participation.participants,
          recused: participation.recused,
          objections: participation.objections,
          decidedAt: now,
          actorUserId: actor.userId,
        });
        await this.sessions.save(manager, session);
        const approved =
          decision.decision === 'approve'
            ? await this.approvals.approve(
                manager,
                entry,
                {
                  amount: decision.amount?.toMoney(),
                  pocketCode: decision.pocketCode,
                  creditLine: decision.creditLine,
                  shares: decision.shares?.map((s) => ({ organisation: s.organisation, amount: s.amount.toMoney() })),
                  startDate: decision.startDate,
                  endDate: decision.endDate,
                },
                { decisionId, allocationId: randomUUID(), now, actor, correlationId },
              )
            : undefined;
        await this.sessions.markEntry(manager, entry.conceptId, OUTCOME[decision.decision], now);
        const decided: AllocationDecidedV2 = {
          decisionId,
          sessionId,
          conceptId: entry.conceptId,
          fund: entry.fund,
          reasons: decision.reasons,
          participants: participation.participants,
          recused: participation.recused,
          decidedAt: now.toISOString(),
        };
        const payload = approved
          ? ({
              ...decided,
              allocation: allocationPayload(approved.allocation, approved.obligations),
              agreement: { documentId: approved.agreement.documentId, sha256: approved.agreement.sha256 },
              budget: budgetLinesView(approved.allocation.state.budget),
            } satisfies AllocationApprovedV2)
          : decided;
        await appendToOutbox(manager, [
          envelopeFor({
            type: ALLOCATION_DECISION_TYPES[decision.decision],
            aggregateId: entry.conceptId,
            actor,
            correlationId,
            occurredAt: now,
            payload,
          }),
        ]);
        return {
          status: 201,
          body: { ...payload, decision: decision.decision, objections: participation.objections },
        };
      },
    );
    this.relay?.nudge();
    return result;
  }
}

function allocationPayload(
  allocation: Allocation,
  obligations: ApprovedAllocationV1['obligations'],
): ApprovedAllocationV1 {
  const { id, pocketCode, creditLine, amountMinor, shares, startDate, endDate } = allocation.state;
  return {
    allocationId: id,
    pocketCode,
    ...(creditLine ? { creditLine } : {}),
    amount: Money.ofMinor(amountMinor, 'USD').toJSON(),
    shares: shares.map((s) => ({
      organisation: s.organisation,
      amount: Money.ofMinor(s.approvedMinor, 'USD').toJSON(),
    })),
    startDate,
    endDate,
    obligations,
  };
}
