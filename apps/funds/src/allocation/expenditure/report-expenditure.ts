import { randomUUID } from 'node:crypto';
import { Actor, EXPENDITURE_REPORTED_V1, ExpenditureReportedV1 } from '@fundline/contracts';
import { MoneyDto, NestedObject } from '@fundline/http';
import { Money } from '@fundline/money';
import { IdempotentResult } from '@fundline/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { AllocationChanges } from '../allocation-change';
import { spent } from '../allocation.aggregate';
import { AllocationRepository } from '../allocation.repository';

export class ExpenditureDto {
  @ApiProperty({ example: 'IOM' }) @IsString() @MaxLength(20) organisation: string;
  @ApiProperty({ example: 2027 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @NestedObject(MoneyDto, { description: 'The year’s expenditure (a later report replaces it)' })
  amount: MoneyDto;
}

export class ReportExpenditure extends Command<IdempotentResult<object>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly idempotencyKey: string,
    readonly allocationId: string,
    readonly body: ExpenditureDto,
  ) {
    super();
  }
}

/** M11: an organisation's expenditure for a year, within what was transferred to it; a later report replaces it. */
@CommandHandler(ReportExpenditure)
export class ReportExpenditureHandler implements ICommandHandler<ReportExpenditure> {
  constructor(
    private readonly changes: AllocationChanges,
    private readonly allocations: AllocationRepository,
  ) {}

  execute(command: ReportExpenditure) {
    const { organisation, year } = command.body;
    return this.changes.run('expenditure', command, async ({ manager, allocation, now, emit }) => {
      const amount = command.body.amount.toMoney();
      allocation.reportExpenditure(organisation, year, amount);
      await this.allocations.recordExpenditure(manager, {
        id: randomUUID(),
        allocationId: allocation.state.id,
        organisation,
        year,
        amountMinor: amount.amountMinor.toString(),
        reportedAt: now,
      });
      emit<ExpenditureReportedV1>(EXPENDITURE_REPORTED_V1, {
        allocationId: allocation.state.id,
        conceptId: allocation.state.conceptId,
        fund: allocation.state.fundCode,
        organisation,
        year,
        amount: amount.toJSON(),
        spentByOrganisation: Money.ofMinor(spent(allocation.share(organisation)), 'USD').toJSON(),
      });
    });
  }
}
