import { Actor, ALLOCATION_REVISED_V1, AllocationRevisedV1 } from '@fundline/contracts';
import { dayOf } from '@fundline/domain';
import { IdempotentResult } from '@fundline/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AllocationChanges } from '../allocation-change';

export class RevisionDto {
  @ApiProperty({ enum: ['budget-revision', 'no-cost-extension'] })
  @IsIn(['budget-revision', 'no-cost-extension'])
  kind: 'budget-revision' | 'no-cost-extension';
  @ApiPropertyOptional({ example: '2029-06-30' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) newEndDate?: string;
  @ApiProperty({ example: 'Partner change agreed with the government' }) @IsString() @MaxLength(2000) reason: string;
}

export class ReviseAllocation extends Command<IdempotentResult<object>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly idempotencyKey: string,
    readonly allocationId: string,
    readonly body: RevisionDto,
  ) {
    super();
  }
}

/** A budget revision or a no-cost extension, requested at least a month before the end date. */
@CommandHandler(ReviseAllocation)
export class ReviseAllocationHandler implements ICommandHandler<ReviseAllocation> {
  constructor(private readonly changes: AllocationChanges) {}

  execute(command: ReviseAllocation) {
    return this.changes.run('revision', command, async ({ allocation, now, emit }) => {
      const previousEndDate = allocation.state.endDate;
      allocation.revise(command.body.kind, dayOf(now), command.body.newEndDate ?? null);
      emit<AllocationRevisedV1>(ALLOCATION_REVISED_V1, {
        allocationId: allocation.state.id,
        conceptId: allocation.state.conceptId,
        fund: allocation.state.fundCode,
        kind: command.body.kind,
        previousEndDate,
        endDate: allocation.state.endDate,
        reason: command.body.reason,
        revisedAt: now.toISOString(),
      });
    });
  }
}
