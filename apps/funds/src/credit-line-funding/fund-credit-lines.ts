import { randomUUID } from 'node:crypto';
import { Actor } from '@fundline/contracts';
import { FundPolicies } from '@fundline/domain';
import { MoneyDto, NestedObject, NonNegativeMoneyDto } from '@fundline/http';
import { OutboxRelay } from '@fundline/messaging';
import { IdempotentResult, runIdempotent } from '@fundline/persistence';
import { Optional } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { openFundAndPocket } from '../funds/fund-guard';
import { LedgerService } from '../ledger/ledger.service';
import { LineFunding, LineFundingInputs } from './line-funding.aggregate';
import { LineFundingRepository, LineFundingView } from './line-funding.repository';

/** What a finance officer records for a year; every amount in USD. */
export class FundCreditLinesDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;

  @NestedObject(MoneyDto, { description: 'Line 1 annual allocation (USD 1.4 million initially)' })
  line1AnnualAllocation: MoneyDto;

  @NestedObject(NonNegativeMoneyDto) discretionaryIncome: NonNegativeMoneyDto;

  @NestedObject(NonNegativeMoneyDto, { description: 'Unearmarked contributions plus interest income' })
  miscellaneousIncome: NonNegativeMoneyDto;

  @NestedObject(NonNegativeMoneyDto, { description: 'Direct voluntary contributions to the fund, added to Line 2' })
  directVoluntaryContributions: NonNegativeMoneyDto;
}

function inputsOf(request: FundCreditLinesDto): LineFundingInputs {
  return {
    line1AnnualAllocation: request.line1AnnualAllocation.toMoney(),
    discretionaryIncome: request.discretionaryIncome.toMoney(),
    miscellaneousIncome: request.miscellaneousIncome.toMoney(),
    directVoluntaryContributions: request.directVoluntaryContributions.toMoney(),
  };
}

export class FundCreditLines extends Command<IdempotentResult<LineFundingView>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly idempotencyKey: string,
    readonly fundCode: string,
    readonly funding: FundCreditLinesDto,
  ) {
    super();
  }
}

/** F9: a year's funding of a fund's credit lines, once per Idempotency-Key (the rules are the LineFunding's). */
@CommandHandler(FundCreditLines)
export class FundCreditLinesHandler implements ICommandHandler<FundCreditLines> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly fundings: LineFundingRepository,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async execute({ actor, correlationId, idempotencyKey, fundCode, funding: request }: FundCreditLines) {
    const scope = `${actor.userId} POST /funds/${fundCode}/credit-line-funding`;
    const result = await runIdempotent(
      this.dataSource,
      { scope, key: idempotencyKey, body: request },
      async (manager) => {
        const policy = FundPolicies.of(fundCode);
        await openFundAndPocket(manager, fundCode, LineFunding.creditLinesOf(policy).line1.code);
        const year = await this.fundings.year(manager, fundCode, request.year);
        const funding = LineFunding.compute(randomUUID(), policy, year, inputsOf(request));
        for (const entry of funding.journalEntries()) await this.ledger.post(manager, entry, { actor, correlationId });
        return { status: 201, body: await this.fundings.save(manager, funding, request, { actor, correlationId }) };
      },
    );
    this.relay?.nudge();
    return result;
  }
}
