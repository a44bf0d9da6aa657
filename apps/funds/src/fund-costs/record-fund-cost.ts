import { Actor, FUND_COST_KINDS, FUND_COST_RECORDED_V1, FundCostKind, FundCostRecordedV1 } from '@fundline/contracts';
import { Clock } from '@fundline/domain';
import { MoneyDto, NestedObject } from '@fundline/http';
import { appendToOutbox, envelopeFor, OutboxRelay } from '@fundline/messaging';
import { IdempotentResult } from '@fundline/persistence';
import { Optional } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { LedgerService } from '../ledger/ledger.service';
import { recordPocketMovement } from '../ledger/pocket-movement';
import { FundCost } from './fund-cost.aggregate';

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

function recorded(
  view: FundCostView,
  description: string,
  context: { actor: Actor; correlationId: string; occurredAt: Date },
) {
  const { id: costId, ...cost } = view;
  return envelopeFor<FundCostRecordedV1>({
    type: FUND_COST_RECORDED_V1,
    aggregateId: view.fundCode,
    ...context,
    payload: { costId, ...cost, description },
  });
}

/** M13: a direct cost or a bank charge paid out of a pocket, once per Idempotency-Key (the rules are the FundCost's). */
@CommandHandler(RecordFundCost)
export class RecordFundCostHandler implements ICommandHandler<RecordFundCost> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  execute(command: RecordFundCost): Promise<IdempotentResult<FundCostView>> {
    const { actor, correlationId, fundCode, pocketCode, cost: request } = command;
    return recordPocketMovement(
      this.dataSource,
      this.relay,
      { ...command, route: 'costs', code: 'FUND_COST', body: request },
      async ({ manager, pocket, amount, id }) => {
        const { kind, incurredOn, description } = request;
        const cost = FundCost.record({ id, fundCode, pocket, kind, amount, incurredOn, description });
        const posted = await this.ledger.post(manager, cost.journalEntry(), { actor, correlationId });
        const view: FundCostView = {
          id,
          fundCode,
          pocketCode,
          kind,
          amount: amount.toJSON(),
          incurredOn,
          entryId: posted.entryId,
        };
        const occurredAt = this.clock.now();
        await appendToOutbox(manager, [recorded(view, description, { actor, correlationId, occurredAt })]);
        return view;
      },
    );
  }
}
