import { randomUUID } from 'node:crypto';
import { Actor, ALLOCATION_DECISION_TYPES, AllocationDecidedV1 } from '@fundline/contracts';
import { Clock, DomainError } from '@fundline/domain';
import { appendToOutbox, ConsumerProgress, envelopeFor, OutboxRelay } from '@fundline/messaging';
import { Money } from '@fundline/money';
import { IdempotentResult, runIdempotent } from '@fundline/persistence';
import { Optional } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource, EntityManager, In } from 'typeorm';
import { Allocation } from '../allocation/allocation.aggregate';
import {
  AllocationRecord,
  CommitteeSessionRecord,
  DecisionRecord,
  ObligationRecord,
} from '../allocation/allocation.entities';
import { checkApproval } from '../allocation/approval-rules';
import { fund1035ListsAsOf, replicaAsOf } from '../allocation/reference-replica';
import { JournalEntry, POSTINGS } from '../ledger/journal-entry';
import { LedgerService } from '../ledger/ledger.service';
import { PipelineReplicaRecord } from '../pipeline-replica/pipeline-replica.entity';
import { DecisionDto } from './committee.dto';
import { sessionFrom } from './session-commands';

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

const today = (at: Date) => at.toISOString().slice(0, 10);

/**
 * M8, G5: a decision on one agenda entry. Quorum, consensus and recusal are checked on the locked session; an approval
 * re-checks eligibility that can change (F3, M7), the ceiling (F4) and follow-ups (F6), then posts the commitment to
 * the ledger, which locks the pocket's available balance, all in one transaction: no concurrency can over-commit.
 */
@CommandHandler(DecideOnEntry)
export class DecideOnEntryHandler implements ICommandHandler<DecideOnEntry> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
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
        const record = await manager.findOne(CommitteeSessionRecord, {
          where: { id: sessionId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!record) throw new DomainError('SESSION.NOT_FOUND', `no session ${sessionId}`, 'not-found');
        const entry = await manager.findOne(PipelineReplicaRecord, {
          where: { conceptId: decision.conceptId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!entry || entry.fund !== record.fundCode) {
          throw DomainError.invalid(
            'ALLOCATION.UNKNOWN_ENTRY',
            [
              {
                field: 'conceptId',
                rule: 'M7',
                message: `${decision.conceptId} is not in the ${record.fundCode} pipeline`,
              },
            ],
            'malformed',
          );
        }
        const session = sessionFrom(record);
        if (decision.decision !== 'approve' && !['in-pipeline', 'deferred'].includes(entry.status)) {
          throw new DomainError('ALLOCATION.NOT_IN_PIPELINE', `${entry.conceptId} is ${entry.status}`, 'conflict');
        }
        const participation = session.decide(entry.conceptId, entry.countries, decision.decision);
        const decisionId = randomUUID();
        await manager.insert(DecisionRecord, {
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
        await manager.update(CommitteeSessionRecord, { id: sessionId }, { decided: session.state.decided });
        const allocation =
          decision.decision === 'approve'
            ? await this.approve(manager, entry, decision, decisionId, now, { actor, correlationId })
            : undefined;
        await manager.update(
          PipelineReplicaRecord,
          { conceptId: entry.conceptId },
          {
            status:
              decision.decision === 'approve' ? 'approved' : decision.decision === 'defer' ? 'deferred' : 'rejected',
            updatedAt: now,
          },
        );
        const payload: AllocationDecidedV1 = {
          decisionId,
          sessionId,
          conceptId: entry.conceptId,
          fund: entry.fund,
          decision: decision.decision,
          reasons: decision.reasons,
          participants: participation.participants,
          recused: participation.recused,
          decidedAt: now.toISOString(),
          ...(allocation ? { allocation } : {}),
        };
        await appendToOutbox(manager, [
          envelopeFor<AllocationDecidedV1>({
            type: ALLOCATION_DECISION_TYPES[decision.decision],
            aggregateId: entry.conceptId,
            actor,
            correlationId,
            occurredAt: now,
            payload,
          }),
        ]);
        return { status: 201, body: { ...payload, objections: participation.objections } };
      },
    );
    this.relay?.nudge();
    return result;
  }

  private async approve(
    manager: EntityManager,
    entry: PipelineReplicaRecord,
    decision: DecisionDto,
    decisionId: string,
    now: Date,
    context: { actor: Actor; correlationId: string },
  ) {
    if (!decision.amount) {
      throw DomainError.invalid('ALLOCATION.AMOUNT', [
        { field: 'amount', rule: 'M8', message: 'an approval states its amount' },
      ]);
    }
    const amount = decision.amount.toMoney();
    const requested = Money.ofMinor(BigInt(entry.requestedMinor), entry.currency);
    const isFund1035 = entry.fund === 'FUND_1035';
    const creditLine = isFund1035 ? ((decision.creditLine ?? entry.creditLine) as 1 | 2) : null;
    const date = today(now);
    const parentFundedOnLine = entry.parentId ? await this.fundedLineOf(manager, entry.parentId) : null;
    checkApproval({ ...entry, scope: entry.scope, requested, parentId: entry.parentId }, amount, {
      now,
      creditLine,
      ...(creditLine === 2 ? { lists: await fund1035ListsAsOf(manager, date) } : {}),
      parameters: Object.fromEntries(
        [...(await replicaAsOf(manager, 'fund-parameter', date))].map(([k, v]) => [k, Number(v.value)]),
      ),
      parentFundedOnLine,
    });
    const pocketCode = isFund1035 ? `LINE_${creditLine}` : (decision.pocketCode ?? 'UNEARMARKED');
    if (!isFund1035 && pocketCode !== 'UNEARMARKED' && pocketCode !== `THEMATIC_${entry.thematicArea}`) {
      throw DomainError.invalid('ALLOCATION.EARMARK', [
        {
          field: 'pocketCode',
          rule: 'M9',
          message: `a thematic area ${entry.thematicArea} programme draws on UNEARMARKED or THEMATIC_${entry.thematicArea} only`,
        },
      ]);
    }
    const shares = isFund1035
      ? [{ organisation: 'IOM', amount }]
      : (decision.shares ?? []).map((s) => ({ organisation: s.organisation, amount: s.amount.toMoney() }));
    const total = shares.reduce((sum, s) => sum.plus(s.amount), Money.zero('USD'));
    if (!total.equals(amount) || new Set(shares.map((s) => s.organisation)).size !== shares.length) {
      throw DomainError.invalid('ALLOCATION.SHARES', [
        {
          field: 'shares',
          rule: 'M10',
          message: `one share per participating organisation, adding up to the approved ${amount.toDecimalString()} (they add up to ${total.toDecimalString()})`,
          limit: amount.toDecimalString(),
        },
      ]);
    }
    const allocationId = randomUUID();
    await this.ledger.post(
      manager,
      JournalEntry.create({
        fundCode: entry.fund,
        type: 'allocation.commitment',
        currency: 'USD',
        reference: { type: 'allocation', id: allocationId },
        description: `Allocation to ${entry.conceptId} approved (decision ${decisionId})`,
        lines: POSTINGS.commitment({ fundCode: entry.fund, pocketCode }, amount.amountMinor),
      }),
      context,
    );
    const startDate = decision.startDate ?? date;
    const endDate = decision.endDate ?? `${Number(startDate.slice(0, 4)) + 2}${startDate.slice(4)}`;
    await manager.insert(AllocationRecord, {
      id: allocationId,
      conceptId: entry.conceptId,
      fundCode: entry.fund,
      pocketCode,
      creditLine,
      amountMinor: amount.amountMinor.toString(),
      status: 'approved',
      startDate,
      endDate,
      shares: shares.map((s) => ({
        organisation: s.organisation,
        approvedMinor: s.amount.amountMinor.toString(),
        transferredMinor: '0',
        spentByYear: {},
      })),
      decisionId,
      approvedAt: now,
      closedAt: null,
    });
    const obligations = Allocation.obligations(entry.fund, startDate, endDate).map((o) => ({
      obligationId: randomUUID(),
      ...o,
    }));
    await manager.insert(
      ObligationRecord,
      obligations.map((o) => ({
        id: o.obligationId,
        allocationId,
        conceptId: entry.conceptId,
        kind: o.kind,
        dueOn: o.dueOn,
        submittedOn: null,
        overdueNotified: false,
      })),
    );
    return {
      allocationId,
      pocketCode,
      ...(creditLine ? { creditLine } : {}),
      amount: amount.toJSON(),
      shares: shares.map((s) => ({ organisation: s.organisation, amount: s.amount.toJSON() })),
      startDate,
      endDate,
      obligations,
    };
  }

  /** The line a parent project was funded on: it had an allocation and money was transferred (null: never funded). */
  private async fundedLineOf(manager: EntityManager, parentId: string): Promise<number | null> {
    const parent = await manager.findOne(AllocationRecord, {
      where: { conceptId: parentId, status: In(['under-implementation', 'closed']) },
    });
    return parent?.creditLine ?? null;
  }
}
