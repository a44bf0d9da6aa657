import { randomUUID } from 'node:crypto';
import { FundPolicies } from '@fundline/domain';
import { OutboxRelay } from '@fundline/messaging';
import { ExchangeRate } from '@fundline/money';
import { IdempotentResult, runIdempotent } from '@fundline/persistence';
import { Optional } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { openFundAndPocket } from '../../funds/fund-guard';
import { LedgerService } from '../../ledger/ledger.service';
import { depositView, DepositView } from '../contribution.views';
import { ContributionsRepository } from '../contributions.repository';
import { Deposit } from './deposit.aggregate';
import { RecordDeposit } from './record-deposit.command';

/** M9 / G1: a deposit received, posted with its fee, once per Idempotency-Key (the rules are the Deposit's). */
@CommandHandler(RecordDeposit)
export class RecordDepositHandler implements ICommandHandler<RecordDeposit> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly contributions: ContributionsRepository,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async execute({ actor, correlationId, idempotencyKey, deposit: request }: RecordDeposit) {
    const scope = `${actor.userId} POST /contributions/deposits`;
    const result: IdempotentResult<DepositView> = await runIdempotent(
      this.dataSource,
      { scope, key: idempotencyKey, body: request },
      async (manager) => {
        const { fund } = await openFundAndPocket(manager, request.fundCode, request.pocketCode);
        const donor = await this.contributions.donor(manager, request.donorId);
        const commitment = request.commitmentId
          ? await this.contributions.commitment(manager, request.commitmentId)
          : null;
        const deposit = Deposit.receive({
          id: randomUUID(),
          fund,
          policy: FundPolicies.of(fund.code),
          pocketCode: request.pocketCode,
          donor,
          commitmentId: request.commitmentId,
          commitment,
          original: request.amount.toMoney(),
          rate: ExchangeRate.parse(request.usdRate),
          depositDate: request.depositDate,
        });
        const posted = await this.ledger.post(manager, deposit.journalEntry(), { actor, correlationId });
        const view = depositView(deposit, posted);
        await this.contributions.saveDeposit(manager, deposit, view, { actor, correlationId });
        return { status: 201, body: view };
      },
    );
    this.relay?.nudge();
    return result;
  }
}
