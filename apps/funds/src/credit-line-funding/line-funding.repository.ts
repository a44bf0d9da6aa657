import { Actor, CREDIT_LINE_FUNDED_V1, CreditLineFundedV1 } from '@fundline/contracts';
import { Clock } from '@fundline/domain';
import { appendToOutbox, envelopeFor } from '@fundline/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FundYearRecord } from '../funds/fund.entities';
import { FundingYear, LineFunding } from './line-funding.aggregate';

export interface LineFundingView {
  id: string;
  fundCode: string;
  year: number;
  line1: { amount: string; currency: string };
  line2: { amount: string; currency: string };
  steps: Array<{ step: string; formula: string; result: { amount: string; currency: string } }>;
}

/** The rows of `line_fundings` (one per fund and year) and the event that tells reporting. */
@Injectable()
export class LineFundingRepository {
  constructor(private readonly clock: Clock) {}

  /** Whether the year is open and already funded; a funding of that year, if any, stays locked until commit. */
  async year(manager: EntityManager, fundCode: string, year: number): Promise<FundingYear> {
    const open = await manager.exists(FundYearRecord, { where: { fundCode, year } });
    const funded = (await manager.query(
      `SELECT 1 FROM "funds"."line_fundings" WHERE fund_code = $1 AND year = $2 FOR UPDATE`,
      [fundCode, year],
    )) as unknown[];
    return { year, isOpen: open, isFunded: funded.length > 0 };
  }

  async save(
    manager: EntityManager,
    funding: LineFunding,
    inputs: object,
    context: { actor: Actor; correlationId: string },
  ): Promise<LineFundingView> {
    const { computed } = funding;
    const view: LineFundingView = {
      id: funding.id,
      fundCode: funding.fundCode,
      year: funding.year,
      line1: computed.line1.toJSON(),
      line2: computed.line2.toJSON(),
      steps: computed.steps.map((s) => ({ ...s, result: s.result.toJSON() })),
    };
    await manager.query(
      `INSERT INTO "funds"."line_fundings" (id, fund_code, year, inputs, steps, line1_minor, line2_minor)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        funding.id,
        funding.fundCode,
        funding.year,
        JSON.stringify(inputs),
        JSON.stringify(view.steps),
        computed.line1.amountMinor.toString(),
        computed.line2.amountMinor.toString(),
      ],
    );
    const { id: fundingId, ...published } = view;
    await appendToOutbox(manager, [
      envelopeFor<CreditLineFundedV1>({
        type: CREDIT_LINE_FUNDED_V1,
        aggregateId: funding.fundCode,
        ...context,
        occurredAt: this.clock.now(),
        payload: { fundingId, ...published },
      }),
    ]);
    return view;
  }
}
