import { randomUUID } from 'node:crypto';
import { Actor, CREDIT_LINE_FUNDED_V1, CreditLineFundedV1 } from '@fundline/contracts';
import { DomainError } from '@fundline/domain';
import { MoneyDto, NestedObject, NonNegativeMoneyDto } from '@fundline/http';
import { appendToOutbox, envelopeFor, OutboxRelay } from '@fundline/messaging';
import { Money } from '@fundline/money';
import { IdempotentResult, runIdempotent } from '@fundline/persistence';
import { Optional } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { FundYearRecord } from '../funds/fund.entities';
import { openFundAndPocket } from '../funds/fund-guard';
import { JournalEntry, POSTINGS } from '../ledger/journal-entry';
import { LedgerService } from '../ledger/ledger.service';
import { computeLineFunding } from './line-funding.formula';

export const FUND_1035 = 'FUND_1035';

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

export interface LineFundingView {
  id: string;
  fundCode: string;
  year: number;
  line1: { amount: string; currency: string };
  line2: { amount: string; currency: string };
  steps: Array<{ step: string; formula: string; result: { amount: string; currency: string } }>;
}

export class FundCreditLines extends Command<IdempotentResult<LineFundingView>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly idempotencyKey: string,
    readonly funding: FundCreditLinesDto,
  ) {
    super();
  }
}

/** F9: computes a year's funding of Line 1 and Line 2, keeps the computation, and posts each line separately (F2). */
@CommandHandler(FundCreditLines)
export class FundCreditLinesHandler implements ICommandHandler<FundCreditLines> {
  /** Fund parameters of F9 (configurable): the discretionary income estimate and Line 2's share of the excess. */
  static readonly DISCRETIONARY_INCOME_ESTIMATE = Money.parse('20500000.00', 'USD');
  static readonly LINE_2_SHARE_BASIS_POINTS = 2500;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async execute({ actor, correlationId, idempotencyKey, funding }: FundCreditLines) {
    const scope = `${actor.userId} POST /funds/FUND_1035/credit-line-funding`;
    const result = await runIdempotent(
      this.dataSource,
      { scope, key: idempotencyKey, body: funding },
      async (manager) => {
        await openFundAndPocket(manager, FUND_1035, 'LINE_1');
        const amounts = [
          funding.line1AnnualAllocation,
          funding.discretionaryIncome,
          funding.miscellaneousIncome,
          funding.directVoluntaryContributions,
        ].map((m) => m.toMoney());
        if (amounts.some((m) => m.currency !== 'USD')) {
          throw DomainError.invalid('LINE_FUNDING.CURRENCY', [
            { rule: 'G1', message: 'F9 amounts are recorded in USD' },
          ]);
        }
        const year = await manager.findOne(FundYearRecord, { where: { fundCode: FUND_1035, year: funding.year } });
        if (!year) {
          throw DomainError.invalid('LINE_FUNDING.YEAR_NOT_OPEN', [
            { field: 'year', rule: 'F9', message: `fund year ${funding.year} of ${FUND_1035} is not open` },
          ]);
        }
        const already = await manager.query(
          `SELECT 1 FROM "funds"."line_fundings" WHERE fund_code = $1 AND year = $2 FOR UPDATE`,
          [FUND_1035, funding.year],
        );
        if (already.length > 0) {
          throw new DomainError(
            'LINE_FUNDING.ALREADY_RECORDED',
            `the credit lines of ${FUND_1035} are already funded for ${funding.year}; correct it with a reversing entry`,
            'conflict',
          );
        }
        const [line1AnnualAllocation, discretionaryIncome, miscellaneousIncome, directVoluntaryContributions] = amounts;
        const computed = computeLineFunding({
          line1AnnualAllocation,
          discretionaryIncome,
          miscellaneousIncome,
          directVoluntaryContributions,
          discretionaryIncomeEstimate: FundCreditLinesHandler.DISCRETIONARY_INCOME_ESTIMATE,
          line2ShareBasisPoints: FundCreditLinesHandler.LINE_2_SHARE_BASIS_POINTS,
        });
        const id = randomUUID();
        for (const [pocketCode, amount] of [
          ['LINE_1', computed.line1],
          ['LINE_2', computed.line2],
        ] as const) {
          await this.postFunding(manager, id, pocketCode, amount, funding.year, { actor, correlationId });
        }
        const view: LineFundingView = {
          id,
          fundCode: FUND_1035,
          year: funding.year,
          line1: computed.line1.toJSON(),
          line2: computed.line2.toJSON(),
          steps: computed.steps.map((s) => ({ ...s, result: s.result.toJSON() })),
        };
        await manager.query(
          `INSERT INTO "funds"."line_fundings" (id, fund_code, year, inputs, steps, line1_minor, line2_minor)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            id,
            FUND_1035,
            funding.year,
            JSON.stringify(funding),
            JSON.stringify(view.steps),
            computed.line1.amountMinor.toString(),
            computed.line2.amountMinor.toString(),
          ],
        );
        await appendToOutbox(manager, [
          envelopeFor<CreditLineFundedV1>({
            type: CREDIT_LINE_FUNDED_V1,
            aggregateId: FUND_1035,
            actor,
            correlationId,
            occurredAt: new Date(),
            payload: {
              fundingId: id,
              fundCode: FUND_1035,
              year: funding.year,
              line1: view.line1,
              line2: view.line2,
              steps: view.steps,
            },
          }),
        ]);
        return { status: 201, body: view };
      },
    );
    this.relay?.nudge();
    return result;
  }

  private async postFunding(
    manager: EntityManager,
    fundingId: string,
    pocketCode: 'LINE_1' | 'LINE_2',
    amount: Money,
    year: number,
    context: { actor: Actor; correlationId: string },
  ) {
    if (!amount.isPositive()) return;
    const entry = JournalEntry.create({
      fundCode: FUND_1035,
      type: 'credit-line.funding',
      currency: 'USD',
      reference: { type: 'line-funding', id: fundingId },
      description: `${pocketCode === 'LINE_1' ? 'Line 1' : 'Line 2'} funding for ${year} (F9)`,
      lines: POSTINGS.receipt({ fundCode: FUND_1035, pocketCode }, amount.amountMinor, 'contributions'),
    });
    await this.ledger.post(manager, entry, context);
  }
}
