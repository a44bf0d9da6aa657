import { randomUUID } from 'node:crypto';
import { Actor } from '@fundline/contracts';
import { DomainError } from '@fundline/domain';
import { MoneyDto } from '@fundline/http';
import { OutboxRelay } from '@fundline/messaging';
import { IdempotentResult, runIdempotent } from '@fundline/persistence';
import { Optional } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { DataSource } from 'typeorm';
import { openFundAndPocket } from '../funds/fund-guard';
import { JournalEntry, POSTINGS } from '../ledger/journal-entry';
import { LedgerService } from '../ledger/ledger.service';

export class RecordIncomeDto {
  @ApiProperty({ enum: ['interest', 'other'] }) @IsIn(['interest', 'other']) kind: 'interest' | 'other';

  @ApiProperty({ type: MoneyDto, description: 'In USD' }) @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;

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

/** M13 sources: interest and other income received into a pocket become available there. */
@CommandHandler(RecordIncome)
export class RecordIncomeHandler implements ICommandHandler<RecordIncome> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async execute(command: RecordIncome): Promise<IdempotentResult<IncomeView>> {
    const { actor, correlationId, fundCode, pocketCode, income } = command;
    const scope = `${actor.userId} POST /funds/${fundCode}/pockets/${pocketCode}/income`;
    const result = await runIdempotent(
      this.dataSource,
      { scope, key: command.idempotencyKey, body: income },
      async (manager) => {
        const { fund } = await openFundAndPocket(manager, fundCode, pocketCode);
        const amount = income.amount.toMoney();
        if (amount.currency !== fund.reportingCurrency) {
          throw DomainError.invalid('INCOME.CURRENCY', [
            { field: 'amount.currency', rule: 'G1', message: `income is recorded in ${fund.reportingCurrency}` },
          ]);
        }
        const id = randomUUID();
        const posted = await this.ledger.post(
          manager,
          JournalEntry.create({
            fundCode,
            type: `income.${income.kind}`,
            currency: fund.reportingCurrency,
            reference: { type: 'income', id },
            description: `${income.description} (received ${income.receivedOn})`,
            lines: POSTINGS.receipt({ fundCode, pocketCode }, amount.amountMinor, 'income'),
          }),
          { actor, correlationId },
        );
        const view: IncomeView = {
          id,
          fundCode,
          pocketCode,
          kind: income.kind,
          amount: amount.toJSON(),
          receivedOn: income.receivedOn,
          entryId: posted.entryId,
        };
        return { status: 201, body: view };
      },
    );
    this.relay?.nudge();
    return result;
  }
}
