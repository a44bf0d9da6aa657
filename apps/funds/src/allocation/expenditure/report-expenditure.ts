import { randomUUID } from 'node:crypto';
import { Actor, EXPENDITURE_REPORTED_V1, ExpenditureReportedV1 } from '@fundline/contracts';
import { MoneyDto, NestedArray, NestedObject, NonNegativeMoneyDto } from '@fundline/http';
import { DomainError } from '@fundline/domain';
import { Money } from '@fundline/money';
import { IdempotentResult } from '@fundline/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AllocationChanges } from '../allocation-change';
import { spent } from '../allocation.aggregate';
import { AllocationRepository } from '../allocation.repository';

export class ExpenditureLineDto {
  @ApiProperty({ example: 'travel', description: 'A budget category code (issue 14)' })
  @Matches(/^[a-z][a-z0-9-]{0,63}$/)
  category: string;
  @NestedObject(NonNegativeMoneyDto) amount: NonNegativeMoneyDto;
}

export class ExpenditureDto {
  @ApiProperty({ example: 'IOM' }) @IsString() @MaxLength(20) organisation: string;
  @ApiProperty({ example: 2027 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @NestedObject(MoneyDto, { description: 'The year’s expenditure (a later report replaces it)' })
  amount: MoneyDto;
  @NestedArray(ExpenditureLineDto, {
    optional: true,
    description: 'The same expenditure by budget category, adding up to `amount`, each category once (M11)',
  })
  lines?: ExpenditureLineDto[];
}

/** M11 (issue 14): the lines split the reported amount exactly, each category once, in the report's currency. */
export function expenditureLines(
  amount: Money,
  lines: ExpenditureLineDto[],
): Array<{ category: string; amount: Money }> {
  const split = lines.map((l) => ({ category: l.category, amount: l.amount.toMoney() }));
  const total = split.reduce((sum, l) => sum + l.amount.amountMinor, 0n);
  const twice = new Set(split.map((l) => l.category)).size !== split.length;
  if (twice || total !== amount.amountMinor || split.some((l) => l.amount.currency !== amount.currency)) {
    throw DomainError.invalid(
      'EXPENDITURE.LINES',
      [
        {
          field: 'lines',
          rule: 'M11',
          message: `the expenditure by category adds up to ${Money.ofMinor(total, amount.currency).toDecimalString()}, not to the ${amount.toDecimalString()} reported, or names a category twice`,
          limit: amount.toDecimalString(),
        },
      ],
      'invalid',
      { total: Money.ofMinor(total, amount.currency).toDecimalString(), amount: amount.toDecimalString() },
    );
  }
  return split;
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
      const lines = command.body.lines ? expenditureLines(amount, command.body.lines) : undefined;
      allocation.reportExpenditure(organisation, year, amount);
      await this.allocations.recordExpenditure(manager, {
        id: randomUUID(),
        allocationId: allocation.state.id,
        organisation,
        year,
        amountMinor: amount.amountMinor.toString(),
        reportedAt: now,
        lines: lines?.map((l) => ({ category: l.category, amountMinor: l.amount.amountMinor.toString() })) ?? null,
      });
      emit<ExpenditureReportedV1>(EXPENDITURE_REPORTED_V1, {
        allocationId: allocation.state.id,
        conceptId: allocation.state.conceptId,
        fund: allocation.state.fundCode,
        organisation,
        year,
        amount: amount.toJSON(),
        spentByOrganisation: Money.ofMinor(spent(allocation.share(organisation)), 'USD').toJSON(),
        ...(lines ? { lines: lines.map((l) => ({ category: l.category, amount: l.amount.toJSON() })) } : {}),
      });
    });
  }
}
