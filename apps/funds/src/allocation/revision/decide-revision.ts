import { randomUUID } from 'node:crypto';
import {
  Actor,
  ALLOCATION_REVISED_V2,
  ALLOCATION_REVISION_DECIDED_V1,
  AllocationRevisedV2,
  AllocationRevisionDecidedV1,
} from '@fundline/contracts';
import { dayOf, DomainError, FundPolicies } from '@fundline/domain';
import { ConsumerProgress } from '@fundline/messaging';
import { Money } from '@fundline/money';
import { IdempotentResult } from '@fundline/persistence';
import { Optional } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { EntityManager } from 'typeorm';
import { PipelineReplicaRecord } from '../../pipeline-replica/pipeline-replica.entity';
import { AllocationChanges } from '../allocation-change';
import { Allocation } from '../allocation.aggregate';
import { ObligationRecord } from '../allocation.entities';
import { Approvals, candidateOf } from '../approval/approvals';
import { budgetLimitsAsOf } from '../reference-replica';
import { BudgetLine, totalOf } from './allocation-budget';
import { obligationMoves } from './obligation-moves';
import { revisedEvent } from './revised-event';
import { Revision } from './revision';
import { revisionView } from './revision.view';
import { RevisionRepository } from './revisions.repository';

export class RevisionDecisionDto {
  @ApiProperty({ enum: ['approve', 'refuse'] }) @IsIn(['approve', 'refuse']) decision: 'approve' | 'refuse';
  @ApiProperty({ example: 'Consistent with the programme’s results; within the window’s balance' })
  @IsString()
  @Matches(/\S/, { message: 'reason must say why' })
  @MaxLength(2000)
  reason: string;
}

export class DecideRevision extends Command<IdempotentResult<object>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly idempotencyKey: string,
    readonly allocationId: string,
    readonly revisionId: string,
    readonly body: RevisionDecisionDto,
  ) {
    super();
  }
}

/**
 * The approving authority's decision on a pending revision (RV5), in one transaction under the allocation's lock, as
 * an approval is: an approved budget revision holds the fund's rules on an increase (F4) and posts the difference to
 * the ledger, whose locked pocket refuses what its available balance does not cover (G5), and never takes a share
 * below what was transferred (M10); an approved extension moves the end date and re-derives the reports owed (RV4).
 */
@CommandHandler(DecideRevision)
export class DecideRevisionHandler implements ICommandHandler<DecideRevision> {
  constructor(
    private readonly changes: AllocationChanges,
    private readonly revisions: RevisionRepository,
    private readonly approvals: Approvals,
    @Optional() private readonly replicas?: ConsumerProgress,
  ) {}

  async execute(command: DecideRevision) {
    // F3: an increase is decided on nothing older than what concepts had published when it was asked (ADR 0013).
    await this.replicas?.awaitCaughtUp();
    const { decision, reason } = command.body;
    return this.changes.run('revision-decision', command, async ({ manager, allocation, now, post, emit }) => {
      const revision = await this.revisions.lock(manager, allocation.state.id, command.revisionId);
      revision.decide(decision, reason, command.actor, now);
      await this.revisions.save(manager, revision);
      const r = revision.state;
      emit<AllocationRevisionDecidedV1>(ALLOCATION_REVISION_DECIDED_V1, {
        revisionId: r.id,
        allocationId: allocation.state.id,
        conceptId: allocation.state.conceptId,
        fund: allocation.state.fundCode,
        kind: r.kind,
        decision: r.status === 'approved' ? 'approved' : 'refused',
        reason,
        decidedAt: now.toISOString(),
      });
      if (r.status === 'approved') {
        revision.checkBase(allocation.state);
        const before = { amountMinor: allocation.state.amountMinor, endDate: allocation.state.endDate };
        let obligations: Parameters<typeof revisedEvent>[3] = { moved: [], added: [] };
        if (r.budget) await post(await this.applyBudget(manager, allocation, revision, r.budget, now));
        if (r.newEndDate) {
          allocation.extend(r.newEndDate);
          obligations = await this.moveObligations(manager, allocation);
        }
        emit<AllocationRevisedV2>(ALLOCATION_REVISED_V2, revisedEvent(revision, allocation, before, obligations, now));
      }
      return { status: 200, body: revisionView(revision) };
    });
  }

  /**
   * M10 and M4 / F7 again (transfers may have been made, the categories or the cap changed since the request, read as
   * in force on the decision day), then F4 on an increase, as at approval.
   */
  private async applyBudget(
    manager: EntityManager,
    allocation: Allocation,
    revision: Revision,
    lines: BudgetLine[],
    now: Date,
  ) {
    const { conceptId, fundCode, pocketCode, creditLine } = allocation.state;
    const checked = allocation.checkBudget(
      Money.ofMinor(totalOf(lines), 'USD'),
      lines.map((l) => ({ ...l, amount: Money.ofMinor(l.amountMinor, 'USD') })),
      new Set(lines.map((l) => l.category)),
      await budgetLimitsAsOf(manager, fundCode, dayOf(now)),
    );
    const entry = await manager.findOne(PipelineReplicaRecord, { where: { conceptId } });
    if (!entry) {
      throw new DomainError(
        'ALLOCATION.UNKNOWN_ENTRY',
        `${conceptId} is not in the ${fundCode} pipeline`,
        'not-found',
        [],
        {
          conceptId,
          fundCode,
        },
      );
    }
    const policy = FundPolicies.of(fundCode);
    const earmark = { pocketCode, creditLine };
    const terms = { pocketCode, creditLine: creditLine ?? undefined };
    const context = await this.approvals.context(manager, entry, terms, now);
    return allocation.applyBudget(checked, revision.state.id, (amount) =>
      policy.approvalViolations(candidateOf(entry), { ...terms, amount }, earmark, context),
    );
  }

  /** RV4: the reports not yet fulfilled follow the fund's schedule for the new end date; fulfilled ones stay. */
  private async moveObligations(manager: EntityManager, allocation: Allocation) {
    const { id, conceptId, fundCode, startDate, endDate } = allocation.state;
    const recorded = await manager.find(ObligationRecord, {
      where: { allocationId: id },
      lock: { mode: 'pessimistic_write' },
    });
    const moves = obligationMoves(recorded, FundPolicies.of(fundCode).obligations(startDate, endDate));
    for (const m of moves.moved) {
      // A report moved later may become overdue again at its new date, and is raised again then.
      await manager.update(ObligationRecord, { id: m.obligationId }, { dueOn: m.dueOn, overdueNotified: false });
    }
    const added = moves.added.map((o) => ({ obligationId: randomUUID(), kind: o.kind, dueOn: o.dueOn }));
    if (added.length > 0) {
      await manager.insert(
        ObligationRecord,
        added.map((o) => ({
          id: o.obligationId,
          allocationId: id,
          conceptId,
          kind: o.kind,
          dueOn: o.dueOn,
          submittedOn: null,
          overdueNotified: false,
        })),
      );
    }
    return { moved: moves.moved, added };
  }
}
