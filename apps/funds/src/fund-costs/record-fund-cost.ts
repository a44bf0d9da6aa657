import { Actor, FUND_COST_KINDS, FUND_COST_RECORDED_V1, FundCostKind, FundCostRecordedV1 } from '@fundline/contracts';
import { Clock, DomainError } from '@fundline/domain';
import { MoneyDto, NestedObject } from '@fundline/http';
import { appendToOutbox, envelopeFor, OutboxRelay } from '@fundline/messaging';
import { IdempotentResult } from '@fundline/persistence';
import { Optional } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { JournalEntry, POSTINGS } from '../ledger/journal-entry';
import { LedgerService } from '../ledger/ledger.service';
import { recordPocketMovement } from '../ledger/pocket-movement';

export class RecordFundCostDto {
  @ApiProperty({ enum: FUND_COST_KINDS }) @IsIn(FUND_COST_KINDS) kind: FundCostKind;

  @NestedObject(MoneyDto, { description: 'More than zero, in the fund’s reporting currency (USD)' }) amount: MoneyDto;

  @ApiProperty({ example: '2026-11-30' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  incurredOn: string;

  @ApiProperty({ example: 'Steering committee meeting, Geneva' })
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  description: string;
}

export interface FundCostView {
  id: string;
  fundCode: string;
  pocketCode: string;
  kind: FundCostKind;
  amount: { amount: string; currency: string };
  incurredOn: string;
  entryId: string;
}

export class RecordFundCost extends Command<IdempotentResult<FundCostView>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly idempotencyKey: string,
    readonly fundCode: string,
    readonly pocketCode: string,
    readonly cost: RecordFundCostDto,
  ) {
    super();
  }
}

const ACCOUNT_OF: Record<FundCostKind, 'directCosts' | 'bankCharges'> = {
  'direct-cost': 'directCosts',
  'bank-charge': 'bankCharges',
};

/**
 * M13 uses besides transfers and the fee: a direct cost of running the fund or a bank charge, paid out of a pocket's
 * available money (the ledger refuses to overdraw it, G5). Earmarked money funds only its thematic area (M9), so a
 * direct cost, which serves the whole fund, is never paid from a thematic window; a bank charge follows the account
 * that paid it.
 */
@CommandHandler(RecordFundCost)
export class RecordFundCostHandler implements ICommandHandler<RecordFundCost> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  execute(command: RecordFundCost): Promise<IdempotentResult<FundCostView>> {
    const { actor, correlationId, fundCode, pocketCode, cost } = command;
    return recordPocketMovement(
      this.dataSource,
      this.relay,
      { ...command, route: 'costs', code: 'FUND_COST', body: cost },
      async ({ manager, fund, pocket, amount, id }) => {
        if (cost.kind === 'direct-cost' && pocket.kind === 'thematic-window') {
          throw DomainError.invalid('FUND_COST.EARMARKED', [
            {
              field: 'pocketCode',
              rule: 'M9',
              message: `${pocketCode} holds earmarked money, which funds only its thematic area: charge direct costs to the unearmarked pool`,
            },
          ]);
        }
        const posted = await this.ledger.post(
          manager,
          JournalEntry.create({
            fundCode,
            type: `cost.${cost.kind}`,
            currency: fund.reportingCurrency,
            reference: { type: 'fund-cost', id },
            description: `${cost.description} (${cost.incurredOn})`,
            lines: POSTINGS.cost({ fundCode, pocketCode }, amount.amountMinor, ACCOUNT_OF[cost.kind]),
          }),
          { actor, correlationId },
        );
        const view: FundCostView = {
          id,
          fundCode,
          pocketCode,
          kind: cost.kind,
          amount: amount.toJSON(),
          incurredOn: cost.incurredOn,
          entryId: posted.entryId,
        };
        await appendToOutbox(manager, [
          envelopeFor<FundCostRecordedV1>({
            type: FUND_COST_RECORDED_V1,
            aggregateId: fundCode,
            actor,
            correlationId,
            occurredAt: this.clock.now(),
            payload: {
              costId: id,
              fundCode,
              pocketCode,
              kind: cost.kind,
              amount: view.amount,
              incurredOn: cost.incurredOn,
              description: cost.description,
              entryId: posted.entryId,
            },
          }),
        ]);
        return view;
      },
    );
  }
}
