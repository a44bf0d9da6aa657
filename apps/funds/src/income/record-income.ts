import { Actor } from '@fundline/contracts';
import { MoneyDto, NestedObject } from '@fundline/http';
import { OutboxRelay } from '@fundline/messaging';
import { IdempotentResult } from '@fundline/persistence';
import { Optional } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { LedgerService } from '../ledger/ledger.service';
import { recordPocketMovement } from '../ledger/pocket-movement';
import { Income, INCOME_KINDS, IncomeKind } from './income.aggregate';

export class RecordIncomeDto {
  @ApiProperty({ enum: INCOME_KINDS }) @IsIn(INCOME_KINDS) kind: IncomeKind;

  @NestedObject(MoneyDto, { description: 'In USD' }) amount: MoneyDto;

  @ApiProperty({ example: '2026-11-30' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  receivedOn: string;

  @ApiProperty({ example: 'Interest, November 2026' }) @IsString() @MinLength(3) @MaxLength(300) description: string;
}

export interface IncomeView {
  id: string;
  fundCode: string;
  pocketCode: string;
  kind: string;
  amount: { amount: string; currency: string };
  receivedOn: string;
  entryId: string;
}

export class RecordIncome extends Command<IdempotentResult<IncomeView>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly idempotencyKey: string,
    readonly fundCode: string,
    readonly pocketCode: string,
    readonly income: RecordIncomeDto,
  ) {
    super();
  }
}

/** M13 sources: interest or other income received into a pocket, once per Idempotency-Key. */
@CommandHandler(RecordIncome)
export class RecordIncomeHandler implements ICommandHandler<RecordIncome> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  execute(command: RecordIncome): Promise<IdempotentResult<IncomeView>> {
    const { actor, correlationId, fundCode, pocketCode, income: request } = command;
    return recordPocketMovement(
      this.dataSource,
      this.relay,
      { ...command, route: 'income', code: 'INCOME', body: request },
      async ({ manager, amount, id }) => {
        const { kind, receivedOn, description } = request;
        const income = Income.receive({ id, fundCode, pocketCode, kind, amount, receivedOn, description });
        const posted = await this.ledger.post(manager, income.journalEntry(), { actor, correlationId });
        return { id, fundCode, pocketCode, kind, amount: amount.toJSON(), receivedOn, entryId: posted.entryId };
      },
    );
  }
}
