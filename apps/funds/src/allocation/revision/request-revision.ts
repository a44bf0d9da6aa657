import { randomUUID } from 'node:crypto';
import {
  Actor,
  ALLOCATION_REVISED_V2,
  ALLOCATION_REVISION_REQUESTED_V1,
  AllocationRevisedV2,
  AllocationRevisionRequestedV1,
  REVISION_KINDS,
  RevisionKind,
} from '@fundline/contracts';
import { dayOf } from '@fundline/domain';
import { MoneyDto, NestedArray, NestedObject, NonNegativeMoneyDto } from '@fundline/http';
import { Money } from '@fundline/money';
import { IdempotentResult } from '@fundline/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EntityManager } from 'typeorm';
import { AllocationChanges } from '../allocation-change';
import { Allocation } from '../allocation.aggregate';
import { budgetLimitsAsOf, fundParametersAsOf } from '../reference-replica';
import { BudgetLine, needsApprovalBecause, totalOf } from './allocation-budget';
import { revisedEvent } from './revised-event';
import { RequestedChange, Revision } from './revision';
import { revisionView, budgetLinesView } from './revision.view';
import { RevisionRepository } from './revisions.repository';

export class RevisedBudgetLineDto {
  @ApiProperty({ example: 'IOM' }) @IsString() @MaxLength(100) organisation: string;
  @ApiProperty({ example: 'travel' }) @Matches(/^[a-z][a-z0-9-]{0,63}$/) category: string;
  @NestedObject(NonNegativeMoneyDto) amount: NonNegativeMoneyDto;
}

export class RevisedBudgetDto {
  @NestedObject(MoneyDto, { description: 'The new total; the lines add up to it (RV2)' }) amount: MoneyDto;
  @NestedArray(RevisedBudgetLineDto, { description: 'The whole new budget, one line per organisation and category' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  lines: RevisedBudgetLineDto[];
}

export class RevisionRequestDto {
  @ApiProperty({ enum: REVISION_KINDS }) @IsIn(REVISION_KINDS) kind: RevisionKind;
  @ApiProperty({ example: 'Travel restrictions moved the workshops online' })
  @IsString()
  @Matches(/\S/, { message: 'justification must say why' })
  @MaxLength(2000)
  justification: string;
  @NestedObject(RevisedBudgetDto, { optional: true, description: 'A budget revision: the whole new budget' })
  budget?: RevisedBudgetDto;
  @ApiPropertyOptional({ example: '2029-06-30', description: 'A no-cost extension: the new end date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  newEndDate?: string;
  @ApiPropertyOptional({ example: 'Adds a component on returnee reintegration', description: 'A change of scope' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'scope must say what changes' })
  @MaxLength(4000)
  scope?: string;
}

export class RequestRevision extends Command<IdempotentResult<object>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly idempotencyKey: string,
    readonly allocationId: string,
    readonly body: RevisionRequestDto,
  ) {
    super();
  }
}

/** RV1: the share of a line that may move without a decision, in basis points (fund parameter in force). */
const THRESHOLD = 'revision.budget-move-threshold-basis-points';

/**
 * A revision requested (RV6, RV3): a budget revision within the threshold is recorded at once (RV1, its budget in
 * force and `allocation.revised.v2` published); any other revision waits for the approving authority
 * (`allocation.revision-requested.v1`). Answers 201 with the revision.
 */
@CommandHandler(RequestRevision)
export class RequestRevisionHandler implements ICommandHandler<RequestRevision> {
  constructor(
    private readonly changes: AllocationChanges,
    private readonly revisions: RevisionRepository,
  ) {}

  execute(command: RequestRevision) {
    const { kind, justification } = command.body;
    return this.changes.run('revision', command, async ({ manager, allocation, now, post, emit }) => {
      const today = dayOf(now);
      allocation.assertRevisable(today);
      // Optional fields sent as null are not given (docs/validation.md).
      const given = {
        budget: command.body.budget ?? undefined,
        newEndDate: command.body.newEndDate ?? undefined,
        scope: command.body.scope ?? undefined,
      };
      Revision.checkCarries(kind, given);
      const change: RequestedChange = {
        ...given,
        budget: given.budget ? await this.budget(manager, allocation, given.budget, today) : undefined,
      };
      if (change.newEndDate) allocation.checkExtension(change.newEndDate);
      const threshold = change.budget ? (await fundParametersAsOf(manager, today)).count(THRESHOLD) : 0;
      const revision = Revision.request({
        id: randomUUID(),
        allocation: allocation.state,
        kind,
        justification,
        change,
        needsApprovalBecause: change.budget
          ? needsApprovalBecause(allocation.state.budget, change.budget, threshold)
          : [`RV1: a ${kind} needs the approving authority's decision`],
        actor: command.actor,
        now,
      });
      await this.revisions.add(manager, revision);
      if (revision.state.status === 'recorded' && change.budget) {
        const before = { amountMinor: allocation.state.amountMinor, endDate: allocation.state.endDate };
        // Within the threshold the total and the shares are unchanged (RV1), so nothing is posted.
        await post(allocation.applyBudget(change.budget, revision.state.id, () => []));
        emit<AllocationRevisedV2>(
          ALLOCATION_REVISED_V2,
          revisedEvent(revision, allocation, before, { moved: [], added: [] }, now),
        );
      } else {
        emit<AllocationRevisionRequestedV1>(ALLOCATION_REVISION_REQUESTED_V1, {
          revisionId: revision.state.id,
          allocationId: allocation.state.id,
          conceptId: allocation.state.conceptId,
          fund: allocation.state.fundCode,
          kind,
          justification,
          requested: {
            ...(change.budget
              ? {
                  amount: Money.ofMinor(totalOf(change.budget), 'USD').toJSON(),
                  budget: budgetLinesView(change.budget),
                }
              : {}),
            ...(change.newEndDate ? { endDate: change.newEndDate } : {}),
            ...(change.scope ? { scope: change.scope } : {}),
          },
          needsApprovalBecause: revision.state.needsApprovalBecause,
          requestedAt: now.toISOString(),
        });
      }
      return { status: 201, body: revisionView(revision) };
    });
  }

  /** RV2, M10, M4 / F7: the lines against the organisations, the transfers, the fund's categories and cap in force. */
  private async budget(
    manager: EntityManager,
    allocation: Allocation,
    budget: RevisedBudgetDto,
    today: string,
  ): Promise<BudgetLine[]> {
    const limits = await budgetLimitsAsOf(manager, allocation.state.fundCode, today);
    // A category the allocation already has stays nameable (an old allocation's `uncategorised` line moves out of it).
    const categories = new Set([...limits.list.keys(), ...allocation.state.budget.map((l) => l.category)]);
    return allocation.checkBudget(
      budget.amount.toMoney(),
      budget.lines.map((l) => ({ organisation: l.organisation, category: l.category, amount: l.amount.toMoney() })),
      categories,
      limits,
    );
  }
}
